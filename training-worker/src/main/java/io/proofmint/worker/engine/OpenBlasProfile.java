package io.proofmint.worker.engine;

import io.proofmint.worker.engine.ProfileCheck.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenBLAS profile: the x86-64 fast path. Products run in ND4J's bundled OpenBLAS, so the bits
 * depend on its version and kernel set (core type) and on the shapes of the calls (row block,
 * gradient tile); a verifier must run the same kernel set. Two processes with equal profiles replay
 * each other's steps bit for bit.
 *
 * <p>The worker thread count is deliberately absent: the engine's fixed row-block decomposition
 * makes the bits independent of it (see {@code docs/training-engine.md}).
 *
 * @param backend ND4J backend ({@value #CPU_BACKEND}); only the CPU backend supports exact mode
 * @param nd4jVersion ND4J release: allocation, and the BLAS it bundles
 * @param blasLibrary the BLAS build ({@code "OpenBLAS 0.3.19"}): its kernels' summation order
 * @param blasCoreType the OpenBLAS kernel set in use (e.g. {@code Haswell}, {@code SkylakeX}),
 *     chosen by {@code OPENBLAS_CORETYPE} or else by CPU detection; AVX2 and AVX-512 kernels block
 *     and sum differently
 * @param dtype element type of parameters and activations ({@code float32})
 * @param blasThreadsPerCall threads inside one BLAS call (1): a multithreaded gemm splits its sums
 *     by the thread count
 * @param rowBlockSize rows per block of the forward and delta pass: fixes those matrix products'
 *     shapes
 * @param gradientTileSize weight-gradient rows per task of the gradient pass: fixes those matrix
 *     products' shapes
 * @param engineRevision revision of this engine's arithmetic; bumped whenever an operation order
 *     changes
 */
public record OpenBlasProfile(
    String backend,
    String nd4jVersion,
    String blasLibrary,
    String blasCoreType,
    String dtype,
    int blasThreadsPerCall,
    int rowBlockSize,
    int gradientTileSize,
    int engineRevision)
    implements ReproducibilityProfile {

  public static final int DEFAULT_ROW_BLOCK = 64;
  public static final int DEFAULT_GRADIENT_TILE = 128;

  /** Revision of the step arithmetic this build implements. */
  public static final int ENGINE_REVISION = 1;

  private static final String[] KEYS = {
    "backend", "nd4j", "blas", "blasCore", "dtype", "blasThreads", "rowBlock", "gradTile", "engine"
  };

  public OpenBlasProfile {
    for (String value : List.of(backend, nd4jVersion, blasLibrary, blasCoreType, dtype)) {
      if (value.isBlank() || value.contains(";") || value.contains("=")) {
        throw new IllegalArgumentException(
            "profile values must be non-blank and free of ';' and '=', got '" + value + "'");
      }
    }
    if (blasThreadsPerCall <= 0
        || rowBlockSize <= 0
        || gradientTileSize <= 0
        || engineRevision <= 0) {
      throw new IllegalArgumentException(
          "profile: blasThreads, rowBlock, gradTile and engine must be positive, got %d, %d, %d, %d"
              .formatted(blasThreadsPerCall, rowBlockSize, gradientTileSize, engineRevision));
    }
  }

  /**
   * The project's reference CPU profile: ND4J 1.0.0-M2.1's OpenBLAS 0.3.19 with its AVX2
   * ("Haswell") kernels, which run on every x86-64 server CPU since 2013 (Intel Haswell, AMD Zen),
   * one BLAS thread per call, row blocks of {@value #DEFAULT_ROW_BLOCK}.
   */
  public static OpenBlasProfile referenceCpu() {
    return new OpenBlasProfile(
        CPU_BACKEND,
        "1.0.0-M2.1",
        "OpenBLAS 0.3.19",
        "Haswell",
        FLOAT32,
        1,
        DEFAULT_ROW_BLOCK,
        DEFAULT_GRADIENT_TILE,
        ENGINE_REVISION);
  }

  /** The profile this process reproduces, with the default decomposition. */
  public static OpenBlasProfile of(RuntimeFacts facts) {
    return of(facts, DEFAULT_ROW_BLOCK, DEFAULT_GRADIENT_TILE);
  }

  /** The profile this process reproduces, with single-threaded BLAS calls. */
  public static OpenBlasProfile of(RuntimeFacts facts, int rowBlockSize, int gradientTileSize) {
    return new OpenBlasProfile(
        facts.backend(),
        facts.nd4jVersion(),
        facts.blasLibrary(),
        facts.blasCoreType(),
        FLOAT32,
        1,
        rowBlockSize,
        gradientTileSize,
        facts.engineRevision());
  }

  /** True for the CPU backend; any other backend may only join tolerant-mode models. */
  @Override
  public boolean supportsExactMode() {
    return CPU_BACKEND.equals(backend);
  }

  @Override
  public ProfileCheck checkMode(VerificationMode mode) {
    if (mode == VerificationMode.EXACT && !supportsExactMode()) {
      return new ProfileCheck(
          Reason.EXACT_MODE_NEEDS_CPU_BACKEND,
          ("exact mode needs a bitwise reproducible backend (%s on any CPU, or %s), profile has"
                  + " %s: register the model under the portable profile or in tolerant mode")
              .formatted(PORTABLE_BACKEND, CPU_BACKEND, backend));
    }
    return ProfileCheck.compatible();
  }

  /** Probes ND4J and OpenBLAS (loading them if needed) and checks them against this profile. */
  @Override
  public ProfileCheck checkThisProcess() {
    return checkRuntime(RuntimeFacts.probe());
  }

  /** Whether this process, described by {@code facts}, reproduces the profile's bits. */
  public ProfileCheck checkRuntime(RuntimeFacts facts) {
    List<ProfileCheck> mismatches = new ArrayList<>();
    if (!backend.equals(facts.backend())) {
      mismatches.add(mismatch(Reason.BACKEND_MISMATCH, "backend %s", backend, facts.backend(), ""));
    }
    if (!nd4jVersion.equals(facts.nd4jVersion())) {
      mismatches.add(
          mismatch(Reason.ND4J_VERSION_MISMATCH, "ND4J %s", nd4jVersion, facts.nd4jVersion(), ""));
    }
    if (!blasLibrary.equals(facts.blasLibrary())) {
      mismatches.add(
          mismatch(Reason.BLAS_LIBRARY_MISMATCH, "BLAS %s", blasLibrary, facts.blasLibrary(), ""));
    }
    if (!blasCoreType.equals(facts.blasCoreType())) {
      mismatches.add(
          mismatch(
              Reason.BLAS_CORE_MISMATCH,
              "OpenBLAS core %s",
              blasCoreType,
              facts.blasCoreType(),
              " (%s=%s): start the JVM with %s=%s"
                  .formatted(
                      RuntimeFacts.CORETYPE_VARIABLE,
                      facts.coreTypeEnvironment(),
                      RuntimeFacts.CORETYPE_VARIABLE,
                      blasCoreType)));
    }
    if (blasThreadsPerCall != facts.blasThreadsPerCall()) {
      mismatches.add(
          mismatch(
              Reason.BLAS_THREADS_MISMATCH,
              "%s BLAS threads per call",
              Integer.toString(blasThreadsPerCall),
              Integer.toString(facts.blasThreadsPerCall()),
              ""));
    }
    if (!FLOAT32.equals(dtype)) {
      mismatches.add(
          new ProfileCheck(
              Reason.DTYPE_UNSUPPORTED,
              "profile requires dtype %s, this engine trains %s only".formatted(dtype, FLOAT32)));
    }
    if (engineRevision != facts.engineRevision()) {
      mismatches.add(
          mismatch(
              Reason.ENGINE_REVISION_MISMATCH,
              "engine revision %s",
              Integer.toString(engineRevision),
              Integer.toString(facts.engineRevision()),
              ""));
    }
    return ProfileCheck.of(mismatches);
  }

  private static ProfileCheck mismatch(
      Reason reason, String what, String required, String actual, String hint) {
    return new ProfileCheck(
        reason,
        "profile requires " + what.formatted(required) + ", this process has " + actual + hint);
  }

  /**
   * Stable text for hashing, e.g. {@code
   * proofmint-profile/1;backend=nd4j-native-cpu;nd4j=1.0.0-M2.1;blas=OpenBLAS
   * 0.3.19;blasCore=Haswell;dtype=float32;blasThreads=1;rowBlock=64;gradTile=128;engine=1}.
   */
  @Override
  public String canonical() {
    Object[] values = {
      backend,
      nd4jVersion,
      blasLibrary,
      blasCoreType,
      dtype,
      blasThreadsPerCall,
      rowBlockSize,
      gradientTileSize,
      engineRevision
    };
    StringBuilder text = new StringBuilder(FORMAT);
    for (int i = 0; i < KEYS.length; i++) {
      text.append(';').append(KEYS[i]).append('=').append(values[i]);
    }
    return text.toString();
  }

  /** Parses {@link #canonical()} text. */
  static OpenBlasProfile parse(String canonical) {
    String[] values = ProfileFields.read(canonical, KEYS);
    return new OpenBlasProfile(
        values[0],
        values[1],
        values[2],
        values[3],
        values[4],
        ProfileFields.integer(KEYS[5], values[5]),
        ProfileFields.integer(KEYS[6], values[6]),
        ProfileFields.integer(KEYS[7], values[7]),
        ProfileFields.integer(KEYS[8], values[8]));
  }

  @Override
  public String toString() {
    return canonical();
  }
}
