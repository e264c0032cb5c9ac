package io.proofmint.settlement.index;

import static io.proofmint.settlement.index.EventDecoder.lower;

import io.proofmint.settlement.index.IndexedEvent.TaskEvent;
import io.proofmint.wrappers.generated.TrainingRegistry;
import java.util.List;
import java.util.Set;
import org.web3j.protocol.core.methods.response.Log;

/** Decodes the registry's per-task events into {@link TaskEvent} rows. */
final class TaskEvents {

  static final Set<String> NAMES =
      Set.of(
          "TaskCreated",
          "TaskClaimed",
          "TaskCommitted",
          "SeedDrawn",
          "AttestationsSubmitted",
          "TaskDisputed",
          "DisputeResolved",
          "TaskFinalized",
          "TaskStale",
          "TaskRejected",
          "TaskExpired",
          "AttesterRewardsPaid");

  private TaskEvents() {}

  static TaskEvent decode(String name, Log log, LogPosition at, long time) {
    return switch (name) {
      case "TaskCreated" -> {
        var e = TrainingRegistry.getTaskCreatedEventFromLog(log);
        yield event(at, time, e.taskId, TaskEventKind.CREATED, e.modelId, null, e.reward, null);
      }
      case "TaskClaimed" -> {
        var e = TrainingRegistry.getTaskClaimedEventFromLog(log);
        yield event(
            at,
            time,
            e.taskId,
            TaskEventKind.CLAIMED,
            e.modelId,
            e.trainer,
            e.bond,
            e.deadline.longValueExact());
      }
      case "TaskCommitted" -> {
        var e = TrainingRegistry.getTaskCommittedEventFromLog(log);
        yield event(
            at,
            time,
            e.taskId,
            TaskEventKind.COMMITTED,
            e.modelId,
            e.trainer,
            null,
            e.verifyDeadline.longValueExact());
      }
      case "SeedDrawn" -> {
        var e = TrainingRegistry.getSeedDrawnEventFromLog(log);
        yield event(at, time, e.taskId, TaskEventKind.SEED_DRAWN, null, null, null, null);
      }
      case "AttestationsSubmitted" -> {
        var e = TrainingRegistry.getAttestationsSubmittedEventFromLog(log);
        yield new TaskEvent(
            at,
            time,
            e.taskId,
            TaskEventKind.ATTESTED,
            null,
            null,
            null,
            e.windowEnd.longValueExact(),
            e.verdict.intValueExact(),
            null,
            lowerAll(e.signers));
      }
      case "TaskDisputed" -> {
        var e = TrainingRegistry.getTaskDisputedEventFromLog(log);
        yield event(
            at,
            time,
            e.taskId,
            TaskEventKind.DISPUTED,
            null,
            e.disputer,
            e.bond,
            e.resolveBy.longValueExact());
      }
      case "DisputeResolved" -> {
        var e = TrainingRegistry.getDisputeResolvedEventFromLog(log);
        // An overturn restarts nothing but ends the window now; otherwise the window is unchanged
        // and the store fills in the attested window end.
        yield new TaskEvent(
            at,
            time,
            e.taskId,
            TaskEventKind.RESOLVED,
            null,
            null,
            e.slashedTotal,
            e.overturned ? time : null,
            e.verdict.intValueExact(),
            e.overturned,
            lowerAll(e.committee));
      }
      case "TaskFinalized" -> {
        var e = TrainingRegistry.getTaskFinalizedEventFromLog(log);
        yield event(
            at, time, e.taskId, TaskEventKind.FINALIZED, e.modelId, e.trainer, e.reward, null);
      }
      case "TaskStale" -> {
        var e = TrainingRegistry.getTaskStaleEventFromLog(log);
        yield event(at, time, e.taskId, TaskEventKind.STALE, e.modelId, e.trainer, null, null);
      }
      case "TaskRejected" -> {
        var e = TrainingRegistry.getTaskRejectedEventFromLog(log);
        yield event(
            at, time, e.taskId, TaskEventKind.REJECTED, e.modelId, e.trainer, e.slashed, null);
      }
      case "TaskExpired" -> {
        var e = TrainingRegistry.getTaskExpiredEventFromLog(log);
        yield event(at, time, e.taskId, TaskEventKind.EXPIRED, null, e.trainer, e.slashed, null);
      }
      case "AttesterRewardsPaid" -> {
        var e = TrainingRegistry.getAttesterRewardsPaidEventFromLog(log);
        yield event(
            at, time, e.taskId, TaskEventKind.REWARDS_PAID, null, e.asset, e.perAttester, null);
      }
      default -> throw new IllegalArgumentException("not a task event: " + name);
    };
  }

  private static TaskEvent event(
      LogPosition at,
      long time,
      java.math.BigInteger taskId,
      TaskEventKind kind,
      java.math.BigInteger modelId,
      String account,
      java.math.BigInteger amount,
      Long deadline) {
    return new TaskEvent(
        at,
        time,
        taskId,
        kind,
        modelId,
        account == null ? null : lower(account),
        amount,
        deadline,
        null,
        null,
        List.of());
  }

  private static List<String> lowerAll(List<String> addresses) {
    return addresses.stream().map(EventDecoder::lower).toList();
  }
}
