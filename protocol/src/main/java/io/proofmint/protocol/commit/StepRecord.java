package io.proofmint.protocol.commit;

import io.proofmint.protocol.crypto.Hash32;
import java.util.Objects;

/**
 * What the trainer records for one step {@code t} of a task: the batch hash (section 9) and the
 * float32 loss as its raw IEEE-754 bits (section 4).
 */
public record StepRecord(long step, Hash32 batchHash, int lossBits) {

  public StepRecord {
    if (step < 0) {
      throw new IllegalArgumentException("step: expected >= 0, got " + step);
    }
    Objects.requireNonNull(batchHash, "batchHash");
  }

  /** Keeps the exact bits of {@code loss}, NaN payloads included. */
  public static StepRecord of(long step, Hash32 batchHash, float loss) {
    return new StepRecord(step, batchHash, Float.floatToRawIntBits(loss));
  }

  public float loss() {
    return Float.intBitsToFloat(lossBits);
  }
}
