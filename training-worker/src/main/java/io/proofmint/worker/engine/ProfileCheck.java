package io.proofmint.worker.engine;

import java.util.List;

/**
 * The outcome of checking a {@link ReproducibilityProfile} against this process or a verification
 * mode. A value, not an exception: the worker decides what to do (refuse the task, log, exit).
 *
 * @param reason the first mismatch found, or {@link Reason#COMPATIBLE}
 * @param message every mismatch, with what was required and what this process has
 */
public record ProfileCheck(Reason reason, String message) {

  public enum Reason {
    COMPATIBLE,
    BACKEND_MISMATCH,
    ND4J_VERSION_MISMATCH,
    BLAS_LIBRARY_MISMATCH,
    BLAS_CORE_MISMATCH,
    BLAS_THREADS_MISMATCH,
    DTYPE_UNSUPPORTED,
    ENGINE_REVISION_MISMATCH,
    /** Exact mode needs the CPU backend: GPU kernels are not bitwise reproducible. */
    EXACT_MODE_NEEDS_CPU_BACKEND
  }

  public static ProfileCheck compatible() {
    return new ProfileCheck(Reason.COMPATIBLE, "compatible");
  }

  static ProfileCheck of(List<ProfileCheck> mismatches) {
    if (mismatches.isEmpty()) {
      return compatible();
    }
    StringBuilder text = new StringBuilder(mismatches.get(0).message());
    for (int i = 1; i < mismatches.size(); i++) {
      text.append("; ").append(mismatches.get(i).message());
    }
    return new ProfileCheck(mismatches.get(0).reason(), text.toString());
  }

  public boolean isCompatible() {
    return reason == Reason.COMPATIBLE;
  }
}
