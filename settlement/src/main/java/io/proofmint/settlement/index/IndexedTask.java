package io.proofmint.settlement.index;

import java.math.BigInteger;
import java.util.List;

/**
 * A task as the index last saw it.
 *
 * @param status the kind of the last status-changing event
 * @param deadline the deadline that event set (commit or verification deadline, window end,
 *     resolve-by time), null for the final statuses
 * @param rewardsPaid whether {@code AttesterRewardsPaid} followed a final status
 * @param attesters the standing attesters: the batch's signers, or the committee after an overturn
 */
public record IndexedTask(
    BigInteger taskId,
    TaskEventKind status,
    Long deadline,
    boolean rewardsPaid,
    List<String> attesters) {

  public IndexedTask {
    attesters = List.copyOf(attesters);
  }

  /** The keeper's name for this task in its intent journal. */
  public String subject() {
    return subject(taskId);
  }

  public static String subject(BigInteger taskId) {
    return "task:" + taskId;
  }
}
