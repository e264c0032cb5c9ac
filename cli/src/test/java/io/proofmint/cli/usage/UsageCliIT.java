package io.proofmint.cli.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.cli.CliRun;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.devnet.SuiteParameters;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hex;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.EscrowReader;
import io.proofmint.settlement.escrow.VoucherDomain;
import io.proofmint.settlement.serve.ArgmaxPredictor;
import io.proofmint.settlement.serve.ModelServer;
import io.proofmint.settlement.serve.Rejection;
import io.proofmint.settlement.serve.ServerConfig;
import io.proofmint.settlement.serve.ServerMetrics;
import io.proofmint.settlement.serve.VoucherVerifier;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.generated.UsageEscrow;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * A model user's whole life through the CLI on a devnet, against a model server running in this
 * JVM: refusals that send nothing, a deposit, paid calls (one whose answer was "lost", one the
 * server refuses, one after the state file was lost), an exhausted channel, the balance, a
 * redemption, close, an early withdraw refused, and the withdrawal after the delay; every amount
 * checked to the base unit.
 */
class UsageCliIT {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static final BigInteger E6 = BigInteger.TEN.pow(6);
  private static final BigInteger PRICE = BigInteger.valueOf(250_000); // 0.25 mUSD

  @TempDir Path state;

  @BeforeEach
  void isolateState() {
    System.setProperty("proofmint.state.dir", state.toString());
  }

  @Test
  void deposit_paidCalls_exhaustedChannel_balance_close_andWithdrawAfterTheDelay()
      throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (AnvilDevnet devnet =
            AnvilDevnet.start(AnvilOptions.defaults(Path.of("target/devnet-logs/UsageCliIT.log")));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337));
        Database db = Database.open(Database.h2MemoryUrl("usage-cli-it"))) {
      List<Credentials> acc = devnet.fundedAccounts();
      DeploymentManifest manifest =
          new SuiteDeployer(
                  chain,
                  acc.get(0),
                  ContractArtifacts.load(),
                  SuiteParameters.devnetDefaults(acc.get(8).getAddress(), acc.get(9).getAddress()),
                  Clock.systemUTC(),
                  s -> {})
              .deploy(state.resolve("deployment.json")); // the commands' default manifest
      Suite admin = Suite.load(chain, manifest, acc.get(0));
      TaskFlow flow = new TaskFlow(admin, new DevnetControl(chain));
      String model =
          flow.registerModel(
                  acc.get(1),
                  Keccak.hashUtf8("spec"),
                  Keccak.hashUtf8("data"),
                  Keccak.hashUtf8("head"),
                  rules(),
                  "Usage Model",
                  "PUSE",
                  E18.multiply(BigInteger.valueOf(1000)))
              .token();
      Path pw = state.resolve("pw");
      Files.writeString(pw, "user password\n");
      Path wrongPw = Files.writeString(state.resolve("wrong-pw"), "guess");
      String rpc = devnet.rpcUrl().toString();

      CliRun created = CliRun.of("keys", "new", "--password-file", pw.toString());
      assertThat(created.exitCode()).as(created.err()).isZero();
      String me = created.out().strip();
      admin.paymentToken().mint(me, E6.multiply(BigInteger.TEN)).send();
      new Transfer(chain.web3j(), chain.sender(acc.get(0)))
          .sendFunds(me, BigDecimal.ONE, Convert.Unit.ETHER)
          .send();
      String[] signer = {"--rpc", rpc, "--keystore", me, "--password-file", pw.toString()};

      String escrow = admin.address(SuiteRoles.USAGE_ESCROW);
      VoucherVerifier verifier =
          new VoucherVerifier(
              new VoucherDomain(31337, Address.fromHex(escrow)),
              Address.fromHex(model),
              PRICE,
              Duration.ofHours(1),
              new EscrowReader(chain.web3j(), escrow),
              Clock.systemUTC());
      try (ModelServer server =
          ModelServer.start(
              ServerConfig.loopback(PRICE),
              verifier,
              new ArgmaxPredictor(),
              db,
              Clock.systemUTC(),
              executor,
              new ServerMetrics(new PrometheusRegistry()))) {
        String url = server.baseUrl().toString();

        // Refusals: nothing is sent, so the account's nonce stays 0.
        CliRun tooMuch = usage(signer, "deposit", "10.5", "--model", model);
        assertThat(tooMuch.exitCode()).isEqualTo(1);
        assertThat(tooMuch.err())
            .contains("holds 10 mUSD", "expected at least 10.5 mUSD", "nothing was sent");
        CliRun wrongPassword =
            usage(
                new String[] {
                  "--rpc", rpc, "--keystore", me, "--password-file", wrongPw.toString()
                },
                "deposit",
                "1",
                "--model",
                model);
        assertThat(wrongPassword.exitCode()).isEqualTo(1);
        assertThat(wrongPassword.err()).contains("wrong password");
        String unknownModel = "0x00000000000000000000000000000000000000A1";
        CliRun unknown = usage(signer, "deposit", "1", "--model", unknownModel);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("is not registered with the RevenueRouter");
        CliRun badFeatures =
            usage(signer, "call", "--model", model, "--server", url, "--features", "1,x");
        assertThat(badFeatures.exitCode()).isEqualTo(2);
        assertThat(badFeatures.err()).contains("features[1]");
        assertThat(nonce(chain, me)).isZero();

        CliRun deposit = usage(signer, "deposit", "1.1", "--model", model);
        assertThat(deposit.exitCode()).as(deposit.err()).isZero();
        assertThat(deposit.out()).contains("approve 1.1 mUSD", "deposit 1.1 mUSD", "balance 1.1");
        assertThat(nonce(chain, me)).isEqualTo(2); // approve + deposit

        CliRun first =
            usage(signer, "call", "--model", model, "--server", url, "--features", "0.1,2.5,0.3");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
            .contains("label 1", "paid 0.25 mUSD", "signed so far 0.25 mUSD", "can pay 0.85 mUSD");
        Path json = Files.writeString(state.resolve("x.json"), "[3, 1, 2]");
        CliRun second =
            usage(signer, "call", "--model", model, "--server", url, "--features-file", "" + json);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("label 0", "signed so far 0.5 mUSD");

        // The answer of the call for 0.5 was "lost": the file says it is still pending. The next
        // call sends 0.5 again, the server says it holds it, and the client moves up one price.
        VoucherStateFile file = stateFile(escrow, model, me);
        Files.delete(file.path());
        file.write(new VoucherState(units("0.5"), units("0.25")), null);
        Path csv = Files.writeString(state.resolve("x.csv"), "1,2\n5\n");
        CliRun lost =
            usage(signer, "call", "--model", model, "--server", url, "--features-file", "" + csv);
        assertThat(lost.exitCode()).as(lost.err()).isZero();
        assertThat(lost.out()).contains("label 2", "paid 0.25 mUSD", "signed so far 0.75 mUSD");

        // A voucher the server refuses (it must live an hour): nothing charged, retried later.
        CliRun tooShort =
            usage(
                signer,
                "call",
                "--model",
                model,
                "--server",
                url,
                "--features",
                "1",
                "--voucher-lifetime",
                "1m");
        assertThat(tooShort.exitCode()).isEqualTo(1);
        assertThat(tooShort.err())
            .contains(
                "402 EXPIRES_TOO_SOON", "next call signs 1 mUSD again", "nothing was charged");
        assertThat(file.read()).contains(new VoucherState(units("1"), units("0.75")));

        // The state file is lost: the chain's floor (nothing redeemed) is below what the server
        // holds, so the call is refused until the user accepts the server's amount.
        Files.delete(file.path());
        CliRun behind = usage(signer, "call", "--model", model, "--server", url, "--features", "1");
        assertThat(behind.exitCode()).isEqualTo(1);
        assertThat(behind.err())
            .contains("NOT_INCREASED", "asks for 1 mUSD", "--accept-server-floor");
        CliRun resumed =
            usage(
                signer,
                "call",
                "--model",
                model,
                "--server",
                url,
                "--features",
                "1",
                "--accept-server-floor");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out())
            .contains("paid 0.25 mUSD", "signed so far 1 mUSD", "can pay 0.1 mUSD");

        // Exhausted: 1.25 would owe more than the 1.1 deposited. Refused before anything is signed.
        CliRun exhausted =
            usage(signer, "call", "--model", model, "--server", url, "--features", "1");
        assertThat(exhausted.exitCode()).isEqualTo(1);
        assertThat(exhausted.err())
            .contains("cannot pay for this call", "the channel can pay 1.1 mUSD", "deposit more");
        assertThat(file.read()).contains(new VoucherState(units("1"), units("1")));
        assertThat(server.metrics().vouchersAccepted()).isEqualTo(4);
        assertThat(server.metrics().rejected(Rejection.EXPIRES_TOO_SOON)).isEqualTo(1);
        assertThat(server.metrics().rejected(Rejection.NOT_INCREASED)).isEqualTo(3);

        JsonNode open = balanceJson(rpc, model, me);
        assertThat(open.get("balance").asText()).isEqualTo("1.1");
        assertThat(open.get("redeemed").asText()).isEqualTo("0");
        assertThat(open.get("signed").asText()).isEqualTo("1");
        assertThat(open.get("unredeemed").asText()).isEqualTo("1");
        assertThat(open.get("remaining").asText()).isEqualTo("0.1");
        assertThat(open.get("state").asText()).isEqualTo("open");
        assertThat(open.get("wallet").asText()).isEqualTo("8.9");
        CliRun text =
            CliRun.of("usage", "balance", "--rpc", rpc, "--model", model, "--keystore", me);
        assertThat(text.exitCode()).as(text.err()).isZero(); // the keystore records its address
        assertThat(text.out()).contains("remaining   0.1 mUSD", "state       open");

        // The operator redeems the latest voucher (the one the file keeps) before the user leaves.
        JsonNode last = file.lastVoucher().orElseThrow();
        admin
            .as(acc.get(7))
            .usageEscrow()
            .redeem(
                List.of(
                    new UsageEscrow.Voucher(
                        last.get("user").asText(),
                        last.get("modelToken").asText(),
                        new BigInteger(last.get("cumulativeAmount").asText()),
                        new BigInteger(last.get("expiry").asText()))),
                List.of(Hex.decode(last.get("signature").asText())))
            .send();
        assertThat(admin.usageEscrow().channel(me, model).send().component2())
            .isEqualTo(units("1"));

        long beforeClose = nonce(chain, me);
        CliRun close = usage(signer, "close", "--model", model);
        assertThat(close.exitCode()).as(close.err()).isZero();
        assertThat(close.out()).contains("request withdrawal of 0.1 mUSD", "withdrawable at");
        JsonNode closing = balanceJson(rpc, model, me);
        assertThat(closing.get("state").asText()).isEqualTo("closing");
        assertThat(closing.get("remaining").asText()).isEqualTo("0");
        String unlockAt = closing.get("withdrawableAt").asText();
        assertThat(Instant.parse(unlockAt))
            .isEqualTo(Instant.parse(closing.get("chainTime").asText()).plusSeconds(86_400));
        CliRun again = usage(signer, "close", "--model", model);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already pending", "--restart-delay");
        CliRun early = usage(signer, "withdraw", "--model", model);
        assertThat(early.exitCode()).isEqualTo(1);
        assertThat(early.err())
            .contains("0.1 mUSD becomes withdrawable at " + unlockAt, "nothing was sent");
        CliRun whileClosing =
            usage(signer, "call", "--model", model, "--server", url, "--features", "1");
        assertThat(whileClosing.exitCode()).isEqualTo(1);
        assertThat(whileClosing.err()).contains("a withdrawal is pending");
        assertThat(nonce(chain, me)).isEqualTo(beforeClose + 1);

        new DevnetControl(chain).advanceTime(86_400);
        CliRun withdraw = usage(signer, "withdraw", "--model", model);
        assertThat(withdraw.exitCode()).as(withdraw.err()).isZero();
        assertThat(withdraw.out()).contains("withdrew 0.1 mUSD", "wallet 9 mUSD");
        CliRun nothing = usage(signer, "withdraw", "--model", model);
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).contains("nothing to withdraw");

        // 10 minted - 1.1 deposited + 0.1 withdrawn; the escrow keeps nothing; 1 went to revenue.
        assertThat(admin.paymentToken().balanceOf(me).send()).isEqualTo(units("9"));
        assertThat(admin.paymentToken().balanceOf(escrow).send()).isZero();
        var channel = admin.usageEscrow().channel(me, model).send();
        assertThat(channel.component1()).isZero();
        assertThat(channel.component2()).isEqualTo(units("1"));
        assertThat(channel.component3()).isZero();
        assertThat(channel.component4()).isZero();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private static BigInteger units(String mUsd) {
    return new BigDecimal(mUsd).movePointRight(6).toBigIntegerExact();
  }

  private VoucherStateFile stateFile(String escrow, String model, String user) {
    return new VoucherStateFile(
        state.resolve("usage"),
        31337,
        Address.fromHex(escrow),
        Address.fromHex(model),
        Address.fromHex(user));
  }

  private static CliRun usage(String[] signer, String... args) {
    List<String> all = new ArrayList<>(List.of("usage"));
    all.addAll(Arrays.asList(args));
    all.addAll(Arrays.asList(signer));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static JsonNode balanceJson(String rpc, String model, String account) throws Exception {
    CliRun show =
        CliRun.of(
            "usage", "balance", "--rpc", rpc, "--model", model, "--account", account, "--json");
    assertThat(show.exitCode()).as(show.err()).isZero();
    return new ObjectMapper().readTree(show.out());
  }

  private static long nonce(ChainConnection chain, String account) throws Exception {
    return chain
        .web3j()
        .ethGetTransactionCount(account, DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount()
        .longValueExact();
  }

  private static TrainingRegistry.Rules rules() {
    return new TrainingRegistry.Rules(
        BigInteger.valueOf(4),
        BigInteger.valueOf(3),
        BigInteger.valueOf(3),
        BigInteger.valueOf(5),
        BigInteger.ZERO,
        BigInteger.ZERO,
        BigInteger.valueOf(3600),
        BigInteger.valueOf(3600),
        E18.multiply(BigInteger.TEN),
        E18.multiply(BigInteger.valueOf(5)));
  }
}
