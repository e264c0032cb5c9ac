package io.proofmint.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.wrappers.ChainConnection;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

class AnvilDevnetIT {

  @Test
  void start_answersOnLoopbackWithFundedAccounts_andCloseFreesThePort() throws Exception {
    int port;
    try (AnvilDevnet devnet = AnvilDevnet.start(AnvilOptions.forTest("AnvilDevnetIT"));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337))) {
      port = devnet.port();
      assertThat(devnet.rpcUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(LoopbackPorts.isListening(port)).isTrue();
      BigInteger balance =
          chain
              .web3j()
              .ethGetBalance(
                  devnet.fundedAccounts().get(9).getAddress(), DefaultBlockParameterName.LATEST)
              .send()
              .getBalance();
      assertThat(balance).isEqualTo(BigInteger.TEN.pow(22)); // anvil funds 10,000 ETH each
    }
    assertThat(LoopbackPorts.isListening(port)).isFalse();
  }

  @Test
  void twoDevnets_runSideBySideOnDifferentPorts() throws Exception {
    try (AnvilDevnet a = AnvilDevnet.start(AnvilOptions.forTest("AnvilDevnetIT-a"));
        AnvilDevnet b = AnvilDevnet.start(AnvilOptions.forTest("AnvilDevnetIT-b"))) {
      assertThat(a.port()).isNotEqualTo(b.port());
      assertThat(JsonRpcProbe.chainId(a.rpcUrl())).isEqualTo(31337L);
      assertThat(JsonRpcProbe.chainId(b.rpcUrl())).isEqualTo(31337L);
    }
  }
}
