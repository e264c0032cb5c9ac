package io.proofmint.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.wrappers.ChainAccessException;
import io.proofmint.wrappers.ChainConnection;
import java.net.URI;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChainConnectionIT {

  @Test
  void open_refusesAChainWithAnotherId() throws Exception {
    try (AnvilDevnet devnet = AnvilDevnet.start(AnvilOptions.forTest("ChainConnectionIT"))) {
      assertThatThrownBy(() -> ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(1)))
          .isInstanceOf(ChainAccessException.class)
          .hasMessageContaining("is chain id 31337, expected 1");
      try (ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.empty())) {
        assertThat(chain.chainId()).isEqualTo(31337);
      }
    }
  }

  @Test
  void open_unreachableNodeNamesTheUrl() {
    URI nowhere = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
    assertThatThrownBy(() -> ChainConnection.open(nowhere, OptionalLong.empty()))
        .isInstanceOf(ChainAccessException.class)
        .hasMessageContaining("cannot reach a JSON-RPC node at " + nowhere);
  }
}
