package io.proofmint.cli.stake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.cli.CliRun;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.devnet.SuiteParameters;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * A verifier operator's whole life through the CLI on a devnet: a new key, funded with stake
 * tokens, stakes, shows, unbonds, is refused an early withdrawal (nothing sent), and withdraws
 * after the delay; balances checked to the base unit. Also the refusals that send nothing.
 */
class StakeCliIT {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  @TempDir Path state;

  @BeforeEach
  void isolateState() {
    System.setProperty("proofmint.state.dir", state.toString());
  }

  @Test
  void newKey_stakes_unbonds_isRefusedAnEarlyWithdraw_andWithdrawsAfterTheDelay() throws Exception {
    try (AnvilDevnet devnet =
            AnvilDevnet.start(AnvilOptions.defaults(Path.of("target/devnet-logs/StakeCliIT.log")));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337))) {
      List<Credentials> acc = devnet.fundedAccounts();
      DeploymentManifest manifest =
          new SuiteDeployer(
                  chain,
                  acc.get(0),
                  ContractArtifacts.load(),
                  SuiteParameters.devnetDefaults(acc.get(8).getAddress(), acc.get(9).getAddress()),
                  Clock.systemUTC(),
                  s -> {})
              .deploy(state.resolve("deployment.json")); // the default manifest of the commands
      Suite admin = Suite.load(chain, manifest, acc.get(0));
      Path pw = state.resolve("pw");
      Files.writeString(pw, "verifier password\n");
      Path wrongPw = state.resolve("wrong-pw");
      Files.writeString(wrongPw, "guess");
      String rpc = devnet.rpcUrl().toString();

      CliRun created = CliRun.of("keys", "new", "--password-file", pw.toString());
      assertThat(created.exitCode()).as(created.err()).isZero();
      String me = created.out().strip();
      assertThat(created.err()).contains("keystore " + state.resolve("keys"));

      admin.stakeToken().mint(me, E18.multiply(BigInteger.valueOf(100))).send();
      new Transfer(chain.web3j(), chain.sender(acc.get(0)))
          .sendFunds(me, BigDecimal.ONE, Convert.Unit.ETHER)
          .send();
      // --keystore ADDRESS finds the keystore `keys new` wrote in the default keys directory.
      String[] signer = {"--rpc", rpc, "--keystore", me, "--password-file", pw.toString()};

      JsonNode fresh = showJson(rpc, me);
      assertThat(fresh.get("role").isNull()).isTrue();
      assertThat(fresh.get("balance").asText()).isEqualTo("100");
      assertThat(fresh.get("stakeToken").get("symbol").asText()).isEqualTo("pSTAKE");

      // Refusals: nothing is sent, so the account's nonce stays 0.
      CliRun tooMuch = stake(signer, "add", "100.5", "--role", "verifier");
      assertThat(tooMuch.exitCode()).isEqualTo(1);
      assertThat(tooMuch.err())
          .contains("holds 100 pSTAKE", "expected at least 100.5 pSTAKE", "nothing was sent");
      CliRun wrongPassword =
          stake(
              new String[] {"--rpc", rpc, "--keystore", me, "--password-file", wrongPw.toString()},
              "add",
              "1",
              "--role",
              "verifier");
      assertThat(wrongPassword.exitCode()).isEqualTo(1);
      assertThat(wrongPassword.err()).contains("wrong password");
      CliRun unknownRole = stake(signer, "add", "1", "--role", "auditor");
      assertThat(unknownRole.exitCode()).isEqualTo(2);
      assertThat(unknownRole.err()).contains("auditor");
      CliRun tooPrecise = stake(signer, "add", "0.0000000000000000001", "--role", "verifier");
      assertThat(tooPrecise.exitCode()).isEqualTo(2);
      assertThat(tooPrecise.err()).contains("expected at most 18 decimal places");
      assertThat(nonce(chain, me)).isZero();

      CliRun add = stake(signer, "add", "60.5", "--role", "verifier");
      assertThat(add.exitCode()).as(add.err()).isZero();
      assertThat(add.out())
          .contains("approve 60.5 pSTAKE", "stake 60.5 pSTAKE as verifier", "(active)");
      assertThat(nonce(chain, me)).isEqualTo(2); // approve + stake
      CliRun reached = stake(signer, "add", "--to", "60.5", "--role", "verifier");
      assertThat(reached.exitCode()).as(reached.err()).isZero();
      assertThat(reached.out()).contains("already stakes 60.5 pSTAKE", "nothing sent");
      assertThat(nonce(chain, me)).isEqualTo(2);
      CliRun otherRole = stake(signer, "add", "1", "--role", "trainer");
      assertThat(otherRole.exitCode()).isEqualTo(1);
      assertThat(otherRole.err()).contains("stakes as verifier", "not as trainer");

      JsonNode staked = showJson(rpc, me);
      assertThat(staked.get("role").asText()).isEqualTo("verifier");
      assertThat(staked.get("active").asBoolean()).isTrue();
      assertThat(staked.get("staked").asText()).isEqualTo("60.5");
      assertThat(staked.get("balance").asText()).isEqualTo("39.5");
      assertThat(staked.get("allowance").asText()).isEqualTo("0");
      CliRun text = CliRun.of("stake", "show", "--rpc", rpc, "--keystore", me);
      assertThat(text.exitCode()).as(text.err()).isZero(); // no password: the address is recorded
      assertThat(text.out()).contains("account " + me, "60.5 pSTAKE", "verifier");

      CliRun overUnbond = stake(signer, "unbond", "60.6");
      assertThat(overUnbond.exitCode()).isEqualTo(1);
      assertThat(overUnbond.err()).contains("has 60.5 pSTAKE of free stake", "expected at most");
      CliRun unbond = stake(signer, "unbond", "20.5");
      assertThat(unbond.exitCode()).as(unbond.err()).isZero();
      assertThat(unbond.out()).contains("unbond 20.5 pSTAKE", "20.5 pSTAKE unbonding");
      long afterUnbond = nonce(chain, me);
      CliRun again = stake(signer, "unbond", "1");
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.err()).contains("already has 20.5 pSTAKE unbonding", "--restart-delay");

      JsonNode unbonding = showJson(rpc, me);
      String releaseAt = unbonding.get("unbonding").get("withdrawableAt").asText();
      assertThat(unbonding.get("unbonding").get("amount").asText()).isEqualTo("20.5");
      assertThat(unbonding.get("staked").asText()).isEqualTo("40");
      assertThat(unbonding.get("active").asBoolean()).isFalse(); // 40 < the 50 minimum
      assertThat(Instant.parse(releaseAt))
          .isEqualTo(Instant.parse(unbonding.get("chainTime").asText()).plusSeconds(7 * 86_400));

      CliRun early = stake(signer, "withdraw");
      assertThat(early.exitCode()).isEqualTo(1);
      assertThat(early.err())
          .contains("20.5 pSTAKE", "becomes withdrawable at " + releaseAt, "nothing was sent");
      assertThat(nonce(chain, me)).isEqualTo(afterUnbond);

      new DevnetControl(chain).advanceTime(7 * 86_400);
      CliRun withdraw = stake(signer, "withdraw");
      assertThat(withdraw.exitCode()).as(withdraw.err()).isZero();
      assertThat(withdraw.out()).contains("withdrew 20.5 pSTAKE", "balance 60 pSTAKE");

      BigInteger tenth = E18.divide(BigInteger.TEN);
      assertThat(admin.stakeToken().balanceOf(me).send())
          .isEqualTo(tenth.multiply(BigInteger.valueOf(600)));
      assertThat(admin.stakeToken().balanceOf(admin.address(SuiteRoles.STAKE_MANAGER)).send())
          .isEqualTo(E18.multiply(BigInteger.valueOf(40)));
      var record = admin.stakeManager().stakeOf(me).send();
      assertThat(record.component3()).isEqualTo(E18.multiply(BigInteger.valueOf(40)));
      assertThat(record.component5()).isZero();

      long afterWithdraw = nonce(chain, me);
      CliRun nothing = stake(signer, "withdraw");
      assertThat(nothing.exitCode()).isZero();
      assertThat(nothing.out()).contains("nothing to withdraw");
      assertThat(nonce(chain, me)).isEqualTo(afterWithdraw);
    }
  }

  private static CliRun stake(String[] signer, String... args) {
    List<String> all = new ArrayList<>(List.of("stake"));
    all.addAll(Arrays.asList(args));
    all.addAll(Arrays.asList(signer));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static JsonNode showJson(String rpc, String account) throws Exception {
    CliRun show = CliRun.of("stake", "show", "--rpc", rpc, "--account", account, "--json");
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
}
