package io.proofmint.cli.owner;

import io.proofmint.cli.Amounts;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.EventLogs;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.Log;

/** What the chain says about tasks: the registry's task view and the locator of its commit. */
final class TaskLedger {

  private static final String NO_ADDRESS = "0x0000000000000000000000000000000000000000";

  /** One line of `task list`. */
  record Summary(
      String id,
      String model,
      String status,
      String trainer,
      long steps,
      String reward,
      String verifierFee,
      String parent) {}

  /** `task show`. */
  record Details(
      String id,
      String model,
      String status,
      String trainer,
      long steps,
      String reward,
      String verifierFee,
      long durationSeconds,
      String parent,
      String modelHead,
      String root,
      String finalCheckpoint,
      String locator,
      Long deadline,
      String deadlineUtc,
      String deadlineMeaning,
      long seedBlock,
      String seed,
      Attestation attestation) {}

  /** The attestation state: none yet, or the verdict and whether attesters were paid. */
  record Attestation(
      boolean attested,
      String verdict,
      long failingSegment,
      String attestersHash,
      boolean attesterRewardsPaid,
      String disputer) {}

  private final Suite suite;
  private final EventLogs logs;
  private final String registry;
  private final long fromBlock;

  TaskLedger(Suite suite) {
    this.suite = suite;
    this.logs = new EventLogs(suite.chain().web3j());
    this.registry = suite.address(SuiteRoles.TRAINING_REGISTRY);
    this.fromBlock = suite.manifest().deployBlock();
  }

  /** Tasks in id order, of one model ({@code model} present) and in one state, if given. */
  List<Summary> list(Optional<BigInteger> model, Optional<TaskStatus> status) throws Exception {
    if (model.isPresent()) {
      ChainReads.model(suite.registry(), model.get());
    }
    List<Log> created =
        logs.find(
            registry,
            fromBlock,
            TrainingRegistry.TASKCREATED_EVENT,
            null,
            model.map(EventLogs::topic).orElse(null));
    List<Summary> out = new ArrayList<>();
    for (Log log : created) {
      BigInteger id = TrainingRegistry.getTaskCreatedEventFromLog(log).taskId;
      TrainingRegistry.TaskView t = suite.registry().getTask(id).send();
      TaskStatus s = TaskStatus.fromChain(t.status);
      if (status.isEmpty() || status.get() == s) {
        out.add(
            new Summary(
                id.toString(),
                t.modelId.toString(),
                s.label(),
                trainer(t),
                t.steps.longValueExact(),
                Amounts.format(t.reward, TokenTerms.DECIMALS),
                Amounts.format(t.verifierFee, TokenTerms.DECIMALS),
                Hash32.of(t.parent).toHex()));
      }
    }
    return out;
  }

  /** One task; refuses an unknown id. */
  Details details(BigInteger id) throws Exception {
    TrainingRegistry.TaskView t = ChainReads.task(suite.registry(), id);
    TaskStatus s = TaskStatus.fromChain(t.status);
    String locator = null;
    for (Log log :
        logs.find(registry, fromBlock, TrainingRegistry.TASKCOMMITTED_EVENT, EventLogs.topic(id))) {
      locator = TrainingRegistry.getTaskCommittedEventFromLog(log).artifactLocator;
    }
    long deadline = t.deadline.longValueExact();
    boolean attested = !isZero(t.attestersHash);
    return new Details(
        id.toString(),
        t.modelId.toString(),
        s.label(),
        trainer(t),
        t.steps.longValueExact(),
        Amounts.format(t.reward, TokenTerms.DECIMALS),
        Amounts.format(t.verifierFee, TokenTerms.DECIMALS),
        t.duration.longValueExact(),
        Hash32.of(t.parent).toHex(),
        Hash32.of(suite.registry().getModel(t.modelId).send().head).toHex(),
        hexOrNull(t.root),
        hexOrNull(t.finalCheckpoint),
        locator,
        deadline == 0 ? null : deadline,
        deadline == 0 ? null : Instant.ofEpochSecond(deadline).toString(),
        deadlineMeaning(s),
        t.seedBlock.longValueExact(),
        hexOrNull(t.seed),
        new Attestation(
            attested,
            attested ? verdict(t.verdict.intValueExact()) : null,
            t.failingSegment.longValueExact(),
            hexOrNull(t.attestersHash),
            t.attesterRewardsPaid,
            NO_ADDRESS.equalsIgnoreCase(t.disputer) ? null : t.disputer));
  }

  /** What the task's deadline means in {@code status} (docs/contracts.md, TaskView). */
  static String deadlineMeaning(TaskStatus status) {
    return switch (status) {
      case CLAIMED -> "commit deadline";
      case COMMITTED -> "verification deadline";
      case ATTESTED, DISPUTED, RESOLVED, FINALIZED, REJECTED, STALE -> "end of challenge window";
      case NONE, OPEN -> null;
    };
  }

  private static String verdict(int code) {
    return switch (code) {
      case 1 -> "valid";
      case 2 -> "fraud";
      case 3 -> "unavailable";
      default -> "code " + code;
    };
  }

  private static String trainer(TrainingRegistry.TaskView t) {
    return NO_ADDRESS.equalsIgnoreCase(t.trainer) ? null : t.trainer;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String hexOrNull(byte[] b) {
    return isZero(b) ? null : Hash32.of(b).toHex();
  }
}
