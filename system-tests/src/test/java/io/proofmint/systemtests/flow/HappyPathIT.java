package io.proofmint.systemtests.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.cli.flow.SyntheticCommitment;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.devnet.SuiteParameters;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.systemtests.settlement.RevenueModel;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.ModelToken;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.StakeRole;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The whole happy path through the generated wrappers on an embedded anvil: register a model,
 * create a task, claim, commit, draw the seed, attest with three verifiers, finalize, pay the
 * verifiers, pay revenue twice around a token sale, and let every holder claim. Balances are
 * asserted to the base unit.
 */
class HappyPathIT {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static final BigInteger E6 = BigInteger.TEN.pow(6);

  @TempDir Path dir;

  @Test
  void task_isPaidInModelTokens_andRevenueReachesEveryHolderExactly() throws Exception {
    try (AnvilDevnet devnet = AnvilDevnet.start(AnvilOptions.forTest("HappyPathIT"));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337))) {
      List<Credentials> acc = devnet.fundedAccounts();
      Credentials deployer = acc.get(0);
      Credentials owner = acc.get(1);
      Credentials trainer = acc.get(2);
      List<Credentials> verifiers = List.of(acc.get(3), acc.get(4), acc.get(5));
      Credentials user = acc.get(6);
      Credentials buyer = acc.get(7);
      String treasury = acc.get(8).getAddress();
      String verifierPool = acc.get(9).getAddress();

      DeploymentManifest manifest =
          new SuiteDeployer(
                  chain,
                  deployer,
                  ContractArtifacts.load(),
                  SuiteParameters.devnetDefaults(treasury, verifierPool),
                  Clock.systemUTC(),
                  s -> {})
              .deploy(dir.resolve("deployment.json"));
      Suite suite = Suite.load(chain, manifest, deployer);
      TaskFlow flow = new TaskFlow(suite, new DevnetControl(chain));

      flow.fundAndStake(trainer, StakeRole.TRAINER, E18.multiply(BigInteger.valueOf(100)));
      for (Credentials v : verifiers) {
        flow.fundAndStake(v, StakeRole.VERIFIER, E18.multiply(BigInteger.valueOf(50)));
      }

      Hash32 head = Keccak.hashUtf8("initial checkpoint");
      TaskFlow.Model model =
          flow.registerModel(
              owner,
              Keccak.hashUtf8("spec"),
              Keccak.hashUtf8("dataset"),
              head,
              rules(),
              "Proofmint MLP",
              "PMLP",
              E18.multiply(BigInteger.valueOf(1000)));
      BigInteger reward = E18.multiply(BigInteger.valueOf(500));
      BigInteger verifierFee = E18.multiply(BigInteger.valueOf(30));
      TaskFlow.Task task = flow.createTask(owner, model.id(), 16, reward, verifierFee, 3600);

      flow.claim(trainer, task.id());
      SyntheticCommitment commitment =
          SyntheticCommitment.of(
              TaskBinding.of(
                  31337,
                  Address.fromHex(suite.address(SuiteRoles.TRAINING_REGISTRY)),
                  task.id(),
                  Address.fromHex(trainer.getAddress())),
              head,
              4,
              "happy");
      flow.commit(
          trainer,
          task.id(),
          commitment.tree().root(),
          commitment.finalCheckpoint(),
          "http://127.0.0.1/artifacts");
      Hash32 seed = flow.drawSeed(verifiers.get(0), task.id()).seed();
      assertThat(seed.isZero()).isFalse();

      TaskFlow.Attested attested = flow.attestValid(verifiers.get(0), task.id(), verifiers);
      flow.passChallengeWindow(task.id());
      flow.finalizeTask(user, task.id());
      flow.payAttesters(user, task.id(), attested.batch());

      TrainingRegistry.ModelView after = suite.registry().getModel(model.id()).send();
      assertThat(Hash32.of(after.head)).isEqualTo(commitment.finalCheckpoint());
      ModelToken token = suite.modelToken(model.token());
      assertThat(token.balanceOf(trainer.getAddress()).send()).isEqualTo(reward);
      for (Credentials v : verifiers) {
        assertThat(token.balanceOf(v.getAddress()).send())
            .isEqualTo(verifierFee.divide(BigInteger.valueOf(3)));
      }
      assertThat(suite.stakeManager().freeStake(trainer.getAddress()).send())
          .isEqualTo(E18.multiply(BigInteger.valueOf(100)));

      RevenueModel expected = new RevenueModel(token.MAGNITUDE().send());
      expected.mint(owner.getAddress(), E18.multiply(BigInteger.valueOf(1000)));
      expected.mint(trainer.getAddress(), reward);
      for (Credentials v : verifiers) {
        expected.mint(v.getAddress(), verifierFee.divide(BigInteger.valueOf(3)));
      }

      // First payment: 1,530 mUSD; 80% to holders, 10% verifier pool, 10% treasury.
      BigInteger payment = E6.multiply(BigInteger.valueOf(1530));
      flow.fundPayment(user, payment.multiply(BigInteger.TWO));
      flow.payRevenue(user, model.token(), payment);
      expected.distribute(E6.multiply(BigInteger.valueOf(1224)));

      // The trainer sells half its tokens after the first payment: the buyer gets none of it.
      suite
          .as(trainer)
          .modelToken(model.token())
          .transfer(buyer.getAddress(), reward.divide(BigInteger.TWO))
          .send();
      expected.transfer(trainer.getAddress(), buyer.getAddress(), reward.divide(BigInteger.TWO));
      assertThat(token.claimable(buyer.getAddress()).send()).isZero();

      flow.payRevenue(user, model.token(), payment);
      expected.distribute(E6.multiply(BigInteger.valueOf(1224)));

      var payToken = suite.paymentToken();
      for (Credentials holder : List.of(owner, trainer, buyer, verifiers.get(0))) {
        BigInteger claimable = token.claimable(holder.getAddress()).send();
        assertThat(claimable)
            .as("claimable of %s", holder.getAddress())
            .isEqualTo(expected.claimable(holder.getAddress()));
        BigInteger before = payToken.balanceOf(holder.getAddress()).send();
        suite.as(holder).modelToken(model.token()).claim().send();
        expected.claimed(holder.getAddress(), claimable);
        assertThat(payToken.balanceOf(holder.getAddress()).send().subtract(before))
            .isEqualTo(claimable);
        assertThat(token.claimable(holder.getAddress()).send()).isZero();
      }
      // The arithmetic in round numbers (each within one base unit of rounding, never above):
      // owner 1000/1530 of 2 x 1224 = 1600 mUSD; trainer 400 + 200; buyer 200; a verifier 16.
      assertThat(expected.claimable(owner.getAddress())).isZero();
      assertThat(payToken.balanceOf(owner.getAddress()).send())
          .isBetween(
              E6.multiply(BigInteger.valueOf(1600)).subtract(BigInteger.TWO),
              E6.multiply(BigInteger.valueOf(1600)));
      assertThat(payToken.balanceOf(treasury).send())
          .isEqualTo(E6.multiply(BigInteger.valueOf(306)));
      assertThat(payToken.balanceOf(verifierPool).send())
          .isEqualTo(E6.multiply(BigInteger.valueOf(306)));
    }
  }

  private static TrainingRegistry.Rules rules() {
    return new TrainingRegistry.Rules(
        BigInteger.valueOf(4), // k
        BigInteger.valueOf(3), // q
        BigInteger.valueOf(3), // m
        BigInteger.valueOf(5), // dispute quorum
        BigInteger.ZERO, // exact mode
        BigInteger.ZERO, // tolerance
        BigInteger.valueOf(3600), // challenge window
        BigInteger.valueOf(3600), // verify timeout
        E18.multiply(BigInteger.TEN), // trainer bond
        E18.multiply(BigInteger.valueOf(5))); // dispute bond
  }
}
