package io.proofmint.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.TxSender;
import java.math.BigInteger;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

class DevnetControlIT {

  private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

  @Test
  void revert_senderMadeBeforeTheSnapshotSendsWithTheRestoredNonce() throws Exception {
    try (AnvilDevnet devnet = AnvilDevnet.start(AnvilOptions.forTest("DevnetControlIT"));
        ChainConnection chain =
            ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(devnet.chainId()))) {
      DevnetControl control = new DevnetControl(chain);
      Web3j web3j = chain.web3j();
      Credentials from = devnet.fundedAccounts().get(0);
      String to = devnet.fundedAccounts().get(1).getAddress();
      BigInteger toBefore = balance(web3j, to);
      TxSender sender = chain.pipelinedSender(from);
      mined(chain, send(web3j, sender, to, 1));

      BigInteger snapshot = control.snapshot();
      BigInteger nonceAtSnapshot = pendingNonce(web3j, from);
      mined(chain, send(web3j, sender, to, 10));
      mined(chain, send(web3j, sender, to, 100));
      control.revert(snapshot);

      String afterRevert = send(web3j, sender, to, 1_000);
      assertThat(web3j.ethGetTransactionByHash(afterRevert).send().getTransaction())
          .hasValueSatisfying(tx -> assertThat(tx.getNonce()).isEqualTo(nonceAtSnapshot));
      assertThat(mined(chain, afterRevert).isStatusOK()).isTrue();
      assertThat(balance(web3j, to).subtract(toBefore))
          .as("the two transfers between snapshot and revert are gone")
          .isEqualTo(BigInteger.valueOf(1_001));
    }
  }

  private static String send(Web3j web3j, TxSender sender, String to, long wei) throws Exception {
    EthSendTransaction sent =
        sender.sendTransaction(
            web3j.ethGasPrice().send().getGasPrice(),
            TRANSFER_GAS,
            to,
            "",
            BigInteger.valueOf(wei),
            false);
    assertThat(sent.hasError()).as("node accepted the transfer").isFalse();
    return sent.getTransactionHash();
  }

  private static TransactionReceipt mined(ChainConnection chain, String txHash) throws Exception {
    return chain.receipts().await(txHash).get(30, TimeUnit.SECONDS);
  }

  private static BigInteger pendingNonce(Web3j web3j, Credentials account) throws Exception {
    return web3j
        .ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.PENDING)
        .send()
        .getTransactionCount();
  }

  private static BigInteger balance(Web3j web3j, String account) throws Exception {
    return web3j.ethGetBalance(account, DefaultBlockParameterName.LATEST).send().getBalance();
  }
}
