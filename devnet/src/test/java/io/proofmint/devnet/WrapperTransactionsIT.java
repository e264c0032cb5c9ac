package io.proofmint.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.TxSender;
import io.proofmint.wrappers.generated.MockERC20;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The generated wrappers against a real node: deploy, 200 transactions, exact state read back. */
class WrapperTransactionsIT {

  private static AnvilDevnet devnet;
  private static ChainConnection chain;

  @BeforeAll
  static void startDevnet() throws Exception {
    devnet = AnvilDevnet.start(AnvilOptions.forTest("WrapperTransactionsIT"));
    chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(devnet.chainId()));
  }

  @AfterAll
  static void stopDevnet() {
    chain.close();
    devnet.close();
  }

  @Test
  void deployThen200Transactions_stateReadsBackExactly() throws Exception {
    Credentials owner = devnet.fundedAccounts().get(0);
    MockERC20 token =
        MockERC20.deploy(
                chain.web3j(),
                chain.sender(owner),
                chain.gasProvider(),
                "Test USD",
                "tUSD",
                BigInteger.valueOf(6))
            .send();
    assertThat(token.decimals().send()).isEqualTo(BigInteger.valueOf(6));
    assertThat(token.symbol().send()).isEqualTo("tUSD");

    // 200 transactions: 100 mints and 100 transfers, pipelined, to 20 fresh recipients.
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      recipients.add(Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair())));
    }
    MockERC20 pipelined =
        MockERC20.load(
            token.getContractAddress(),
            chain.web3j(),
            chain.pipelinedSender(owner),
            chain.gasProvider().withFixedGasLimit(120_000));
    List<String> hashes = new ArrayList<>();
    BigInteger[] expected = new BigInteger[20];
    java.util.Arrays.fill(expected, BigInteger.ZERO);
    BigInteger minted = BigInteger.ZERO;
    for (int i = 0; i < 100; i++) {
      BigInteger amount = BigInteger.valueOf(1_000 + i);
      hashes.add(pipelined.mint(owner.getAddress(), amount).send().getTransactionHash());
      minted = minted.add(amount);
    }
    for (int i = 0; i < 100; i++) {
      BigInteger amount = BigInteger.valueOf(7 * i + 1);
      hashes.add(pipelined.transfer(recipients.get(i % 20), amount).send().getTransactionHash());
      expected[i % 20] = expected[i % 20].add(amount);
    }
    List<TransactionReceipt> receipts = chain.receipts().awaitAll(hashes).get(60, TimeUnit.SECONDS);

    assertThat(receipts).hasSize(200).allMatch(TransactionReceipt::isStatusOK);
    BigInteger sent = BigInteger.ZERO;
    for (int i = 0; i < 20; i++) {
      assertThat(token.balanceOf(recipients.get(i)).send())
          .as("recipient %d", i)
          .isEqualTo(expected[i]);
      sent = sent.add(expected[i]);
    }
    assertThat(token.totalSupply().send()).isEqualTo(minted);
    assertThat(token.balanceOf(owner.getAddress()).send()).isEqualTo(minted.subtract(sent));
  }

  @Test
  void rejectedTransaction_doesNotLeaveANonceGap() throws Exception {
    Credentials sender = devnet.fundedAccounts().get(1);
    TxSender txSender = chain.pipelinedSender(sender);
    String to = devnet.fundedAccounts().get(2).getAddress();
    var fees = chain.gasProvider();

    // Above anvil's 30M block gas limit: the node refuses it before it takes a nonce.
    var rejected =
        txSender.sendEIP1559Transaction(
            chain.chainId(),
            fees.getMaxPriorityFeePerGas(),
            fees.getMaxFeePerGas(),
            BigInteger.valueOf(100_000_000L),
            to,
            "0x",
            BigInteger.ONE,
            false);
    assertThat(rejected.hasError()).isTrue();

    var accepted =
        txSender.sendEIP1559Transaction(
            chain.chainId(),
            fees.getMaxPriorityFeePerGas(),
            fees.getMaxFeePerGas(),
            BigInteger.valueOf(21_000),
            to,
            "0x",
            BigInteger.ONE,
            false);
    assertThat(accepted.hasError()).as("second send error: %s", accepted.getError()).isFalse();
    TransactionReceipt receipt =
        chain.receipts().await(accepted.getTransactionHash()).get(20, TimeUnit.SECONDS);
    assertThat(receipt.isStatusOK()).isTrue();
  }
}
