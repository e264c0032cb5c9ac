package io.proofmint.cli.owner;

import io.proofmint.cli.Amounts;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.EventLogs;
import io.proofmint.wrappers.generated.ModelToken;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.protocol.core.methods.response.Log;

/**
 * What the chain says about models: the registry's views, read back with the registry's and the
 * tokens' events (task counts, lineage, holders). Amounts are model-token units as decimal strings,
 * hashes and addresses 0x-hex.
 */
final class ModelLedger {

  /** One line of `model list`. */
  record Summary(
      String id, String name, String symbol, String owner, String token, String head, int tasks) {}

  /** A finalized task: who trained what, from which head to which. */
  record Lineage(
      String task, String trainer, long steps, String fromHead, String toHead, String reward) {}

  /** `model show`. */
  record Details(
      String id,
      String name,
      String symbol,
      String owner,
      String token,
      String specHash,
      String datasetRoot,
      String initialHead,
      String head,
      RulesView rules,
      int tasks,
      List<Lineage> lineage,
      int holders,
      String totalSupply,
      String reservedSupply) {}

  /** The rules as `model show` prints them: durations in seconds, bonds in stake-token units. */
  record RulesView(
      long segmentLength,
      int samples,
      int quorum,
      int disputeQuorum,
      String mode,
      long toleranceMicros,
      long challengeWindowSeconds,
      long verifyTimeoutSeconds,
      String trainerBond,
      String disputeBond) {

    static RulesView of(VerificationRules r, int stakeDecimals) {
      return new RulesView(
          r.segmentLength(),
          r.samples(),
          r.quorum(),
          r.disputeQuorum(),
          r.mode().name().toLowerCase(Locale.ROOT),
          r.toleranceMicros(),
          r.challengeWindow().toSeconds(),
          r.verifyTimeout().toSeconds(),
          Amounts.format(r.trainerBond(), stakeDecimals),
          Amounts.format(r.disputeBond(), stakeDecimals));
    }
  }

  private final Suite suite;
  private final EventLogs logs;
  private final String registry;
  private final long fromBlock;

  ModelLedger(Suite suite) {
    this.suite = suite;
    this.logs = new EventLogs(suite.chain().web3j());
    this.registry = suite.address(SuiteRoles.TRAINING_REGISTRY);
    this.fromBlock = suite.manifest().deployBlock();
  }

  /** Every registered model, in id order. */
  List<Summary> all() throws Exception {
    Map<BigInteger, Integer> taskCounts = new HashMap<>();
    for (Log log : logs.find(registry, fromBlock, TrainingRegistry.TASKCREATED_EVENT)) {
      taskCounts.merge(TrainingRegistry.getTaskCreatedEventFromLog(log).modelId, 1, Integer::sum);
    }
    BigInteger count = suite.registry().modelCount().send();
    List<Summary> out = new ArrayList<>();
    for (BigInteger id = BigInteger.ONE; id.compareTo(count) <= 0; id = id.add(BigInteger.ONE)) {
      TrainingRegistry.ModelView m = suite.registry().getModel(id).send();
      ModelToken token = suite.modelToken(m.token);
      out.add(
          new Summary(
              id.toString(),
              token.name().send(),
              token.symbol().send(),
              m.owner,
              m.token,
              Hash32.of(m.head).toHex(),
              taskCounts.getOrDefault(id, 0)));
    }
    return out;
  }

  /** One model with its lineage and holders; refuses an unknown id. */
  Details details(BigInteger id) throws Exception {
    TrainingRegistry.ModelView m = ChainReads.model(suite.registry(), id);
    ModelToken token = suite.modelToken(m.token);
    String initialHead = Hash32.of(m.head).toHex();
    for (Log log :
        logs.find(
            registry, fromBlock, TrainingRegistry.MODELREGISTERED_EVENT, EventLogs.topic(id))) {
      initialHead =
          Hash32.of(TrainingRegistry.getModelRegisteredEventFromLog(log).initialHead).toHex();
    }
    int tasks =
        logs.find(
                registry, fromBlock, TrainingRegistry.TASKCREATED_EVENT, null, EventLogs.topic(id))
            .size();
    List<Lineage> lineage = new ArrayList<>();
    for (Log log :
        logs.find(
            registry, fromBlock, TrainingRegistry.TASKFINALIZED_EVENT, null, EventLogs.topic(id))) {
      var f = TrainingRegistry.getTaskFinalizedEventFromLog(log);
      TrainingRegistry.TaskView task = suite.registry().getTask(f.taskId).send();
      if (TaskStatus.fromChain(task.status) == TaskStatus.FINALIZED) {
        lineage.add(
            new Lineage(
                f.taskId.toString(),
                f.trainer,
                task.steps.longValueExact(),
                Hash32.of(f.parent).toHex(),
                Hash32.of(f.newHead).toHex(),
                Amounts.format(f.reward, TokenTerms.DECIMALS)));
      }
    }
    int stakeDecimals = suite.stakeToken().decimals().send().intValueExact();
    return new Details(
        id.toString(),
        token.name().send(),
        token.symbol().send(),
        m.owner,
        m.token,
        Hash32.of(m.specHash).toHex(),
        Hash32.of(m.datasetRoot).toHex(),
        initialHead,
        Hash32.of(m.head).toHex(),
        RulesView.of(VerificationRules.fromChain(m.rules), stakeDecimals),
        tasks,
        lineage,
        holders(m.token),
        Amounts.format(token.totalSupply().send(), TokenTerms.DECIMALS),
        Amounts.format(suite.registry().reservedSupply(id).send(), TokenTerms.DECIMALS));
  }

  /** Accounts holding a positive balance, replayed from the token's Transfer events. */
  private int holders(String token) throws Exception {
    Map<String, BigInteger> balances = new HashMap<>();
    for (Log log : logs.find(token, fromBlock, ModelToken.TRANSFER_EVENT)) {
      var t = ModelToken.getTransferEventFromLog(log);
      balances.merge(t.from.toLowerCase(Locale.ROOT), t.value.negate(), BigInteger::add);
      balances.merge(t.to.toLowerCase(Locale.ROOT), t.value, BigInteger::add);
    }
    balances.remove("0x0000000000000000000000000000000000000000");
    return (int) balances.values().stream().filter(b -> b.signum() > 0).count();
  }
}
