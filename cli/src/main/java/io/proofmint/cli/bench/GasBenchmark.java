package io.proofmint.cli.bench;

import io.proofmint.cli.flow.SyntheticCommitment;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.StakeRole;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Gas of every user-facing transaction of the suite, from real receipts on a devnet, against the
 * targets of docs/benchmarks.md. Each measured transaction is a typical one: a stake by an account
 * that has never staked (first) and again (repeat), a token transfer between two accounts that both
 * already hold tokens after revenue exists, a claim of revenue owed, attestation batches of 3, 7
 * and 13 signers.
 */
public final class GasBenchmark {

  /** Accounts the benchmark needs: deployer, owner, trainer, user, buyer and 13 verifiers. */
  public static final int ACCOUNTS = 18;

  static final long CLAIM_TARGET = 60_000;
  static final long TRANSFER_TARGET = 75_000;
  static final long FIRST_STAKE_TARGET = 95_000;
  static final long REPEAT_STAKE_TARGET = 70_000;
  static final long COMMIT_TARGET = 120_000;
  static final long FINALIZE_TARGET = 150_000;

  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  private final ChainConnection chain;
  private final DeploymentManifest manifest;
  private final List<Credentials> accounts;
  private final Consumer<String> progress;

  public GasBenchmark(
      ChainConnection chain,
      DeploymentManifest manifest,
      List<Credentials> accounts,
      Consumer<String> progress) {
    if (accounts.size() < ACCOUNTS) {
      throw new IllegalArgumentException(
          "gas benchmark: expected " + ACCOUNTS + " funded accounts, got " + accounts.size());
    }
    this.chain = chain;
    this.manifest = manifest;
    this.accounts = accounts;
    this.progress = progress;
  }

  /** Attestation batch target for {@code m} signers: 60,000 + 8,000 per signer. */
  static long attestationTarget(int m) {
    return 60_000L + 8_000L * m;
  }

  public GasReport run() throws Exception {
    Credentials deployer = accounts.get(0);
    Credentials owner = accounts.get(1);
    Credentials trainer = accounts.get(2);
    Credentials user = accounts.get(3);
    Credentials buyer = accounts.get(4);
    List<Credentials> verifiers = accounts.subList(5, 5 + 13);
    TaskFlow flow = new TaskFlow(Suite.load(chain, manifest, deployer), new DevnetControl(chain));
    List<GasResult> results = new ArrayList<>();

    progress.accept("staking: a trainer and 13 verifiers");
    flow.fundAndStake(trainer, StakeRole.TRAINER, E18.multiply(BigInteger.valueOf(1000)));
    for (int i = 0; i < verifiers.size(); i++) {
      TransactionReceipt first =
          flow.fundAndStake(
              verifiers.get(i), StakeRole.VERIFIER, E18.multiply(BigInteger.valueOf(50)));
      if (i == 1) { // not the very first staker of the contract: a typical first stake
        results.add(new GasResult("stake (first)", gas(first), FIRST_STAKE_TARGET));
        TransactionReceipt repeat = flow.fundAndStake(verifiers.get(i), StakeRole.VERIFIER, E18);
        results.add(new GasResult("stake (repeat)", gas(repeat), REPEAT_STAKE_TARGET));
      }
    }

    for (int m : new int[] {3, 7, 13}) {
      progress.accept("a task attested by " + m + " verifiers");
      TaskFlow.Model model =
          flow.registerModel(
              owner,
              Keccak.hashUtf8("gas-spec-" + m),
              Keccak.hashUtf8("gas-dataset"),
              Keccak.hashUtf8("gas-head-" + m),
              rules(m),
              "Gas Model " + m,
              "GAS" + m,
              E18.multiply(BigInteger.valueOf(1000)));
      TaskFlow.Task task =
          flow.createTask(owner, model.id(), 64, E18.multiply(BigInteger.valueOf(100)), E18, 3600);
      if (m == 3) {
        results.add(new GasResult("registerModel (creates the token)", gas(model.receipt()), 0));
        results.add(new GasResult("createTask", gas(task.receipt()), 0));
      }
      TransactionReceipt claim = flow.claim(trainer, task.id());
      SyntheticCommitment commitment =
          SyntheticCommitment.of(
              TaskBinding.of(
                  chain.chainId(),
                  Address.fromHex(manifest.contract(SuiteRoles.TRAINING_REGISTRY).address()),
                  task.id(),
                  Address.fromHex(trainer.getAddress())),
              Keccak.hashUtf8("gas-head-" + m),
              16,
              "gas-" + m);
      TransactionReceipt commit =
          flow.commit(
              trainer,
              task.id(),
              commitment.tree().root(),
              commitment.finalCheckpoint(),
              "http://127.0.0.1:8545/artifacts/" + commitment.tree().root().toHex().substring(2));
      TaskFlow.Seeded seeded = flow.drawSeed(user, task.id());
      if (m == 3) {
        results.add(new GasResult("claimTask", gas(claim), 0));
        results.add(new GasResult("commit", gas(commit), COMMIT_TARGET));
      }
      TaskFlow.Attested attested = flow.attestValid(user, task.id(), verifiers.subList(0, m));
      results.add(
          new GasResult(
              "submitAttestations (m = " + m + ")", gas(attested.receipt()), attestationTarget(m)));
      flow.passChallengeWindow(task.id());
      TransactionReceipt finalized = flow.finalizeTask(user, task.id());
      if (m == 3) {
        results.add(new GasResult("drawSeed", gas(seeded.receipt()), 0));
        results.add(new GasResult("finalize", gas(finalized), FINALIZE_TARGET));
        TransactionReceipt paid = flow.payAttesters(user, task.id(), attested.batch());
        results.add(new GasResult("claimAttesterRewards (m = 3)", gas(paid), 0));
        revenue(flow, model, owner, trainer, user, buyer, results);
      }
    }
    return GasReport.of(chain.chainId(), results);
  }

  private void revenue(
      TaskFlow flow,
      TaskFlow.Model model,
      Credentials owner,
      Credentials trainer,
      Credentials user,
      Credentials buyer,
      List<GasResult> results)
      throws Exception {
    progress.accept("revenue: pay, transfer between holders, claim");
    Suite suite = flow.suite();
    // The buyer holds tokens before revenue arrives, so the measured transfer is holder-to-holder.
    suite.as(owner).modelToken(model.token()).transfer(buyer.getAddress(), E18).send();
    BigInteger payment = BigInteger.TEN.pow(6).multiply(BigInteger.valueOf(1000));
    flow.fundPayment(user, payment.multiply(BigInteger.TWO));
    TransactionReceipt pay = flow.payRevenue(user, model.token(), payment);
    results.add(new GasResult("RevenueRouter.pay", gas(pay), 0));
    TransactionReceipt transfer =
        suite.as(owner).modelToken(model.token()).transfer(buyer.getAddress(), E18).send();
    results.add(
        new GasResult("model token transfer (holder to holder)", gas(transfer), TRANSFER_TARGET));
    // A holder that already holds the payment asset: the usual case, and the one the target is for.
    flow.fundPayment(buyer, BigInteger.ONE);
    TransactionReceipt claim = suite.as(buyer).modelToken(model.token()).claim().send();
    results.add(new GasResult("revenue claim", gas(claim), CLAIM_TARGET));
    // A holder whose payment-asset balance is zero: the asset's zero-to-non-zero balance write
    // (+17,100 gas, in the asset's storage) comes on top; reported, not targeted.
    TransactionReceipt firstClaim = suite.as(trainer).modelToken(model.token()).claim().send();
    results.add(
        new GasResult("revenue claim (holder's first payment-asset balance)", gas(firstClaim), 0));
  }

  private static long gas(TransactionReceipt receipt) {
    return receipt.getGasUsed().longValueExact();
  }

  private static TrainingRegistry.Rules rules(int m) {
    return new TrainingRegistry.Rules(
        BigInteger.valueOf(4),
        BigInteger.valueOf(4),
        BigInteger.valueOf(m),
        BigInteger.valueOf(m + 1),
        BigInteger.ZERO,
        BigInteger.ZERO,
        BigInteger.valueOf(3600),
        BigInteger.valueOf(3600),
        E18.multiply(BigInteger.TEN),
        E18.multiply(BigInteger.valueOf(5)));
  }
}
