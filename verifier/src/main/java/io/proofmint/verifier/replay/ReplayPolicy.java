package io.proofmint.verifier.replay;

import io.proofmint.worker.engine.VerificationMode;
import java.util.Objects;

/**
 * How a replay is judged: bit for bit ({@link VerificationMode#EXACT}) or within a normalized
 * distance ({@link VerificationMode#TOLERANT}, see {@link StateDistance}).
 *
 * @param threshold the largest accepted distance in tolerant mode; 0 in exact mode
 */
public record ReplayPolicy(VerificationMode mode, double threshold) {

  /** The registry's mode codes (docs/contracts.md, Rules.mode). */
  public static final int MODE_EXACT = 0;

  public static final int MODE_TOLERANT = 1;

  /**
   * The recommended {@code toleranceMicros} of a tolerant-mode model: 1e-4. Honest replays under
   * other row-block decompositions measured at most 3.8e-7, the attacks at least 5.2e-2 ({@code
   * ToleranceCalibration}, docs/verifier.md): 260x above the one, 520x below the other.
   */
  public static final int DEFAULT_TOLERANCE_MICROS = 100;

  public ReplayPolicy {
    Objects.requireNonNull(mode, "mode");
    if (mode == VerificationMode.EXACT && threshold != 0) {
      throw new IllegalArgumentException("exact mode: expected threshold 0, got " + threshold);
    }
    if (mode == VerificationMode.TOLERANT && !(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "tolerant mode: expected a threshold in (0, 1], got " + threshold);
    }
  }

  public static ReplayPolicy exact() {
    return new ReplayPolicy(VerificationMode.EXACT, 0);
  }

  public static ReplayPolicy tolerant(double threshold) {
    return new ReplayPolicy(VerificationMode.TOLERANT, threshold);
  }

  /**
   * The policy of a model's on-chain rules: {@code mode} 0 exact, 1 tolerant with {@code
   * toleranceMicros / 1e6}.
   */
  public static ReplayPolicy fromRules(int mode, long toleranceMicros) {
    return switch (mode) {
      case MODE_EXACT -> exact();
      case MODE_TOLERANT -> tolerant(toleranceMicros / 1e6);
      default ->
          throw new IllegalArgumentException(
              "rules mode: expected 0 (exact) or 1 (tolerant), got " + mode);
    };
  }

  /**
   * The policy of a model verified in {@code mode}: exact, or tolerant with {@code toleranceMicros
   * / 1e6} (what the model's on-chain rules say; {@link #DEFAULT_TOLERANCE_MICROS} if unknown).
   */
  public static ReplayPolicy of(VerificationMode mode, long toleranceMicros) {
    return mode == VerificationMode.EXACT ? exact() : tolerant(toleranceMicros / 1e6);
  }

  public boolean isTolerant() {
    return mode == VerificationMode.TOLERANT;
  }

  @Override
  public String toString() {
    return isTolerant() ? "tolerant(" + threshold + ")" : "exact";
  }
}
