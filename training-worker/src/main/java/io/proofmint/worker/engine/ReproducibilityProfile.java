package io.proofmint.worker.engine;

/**
 * Everything that decides the bits of a training step besides the model spec, the state and the
 * data. Two processes under equal profiles replay each other's steps bit for bit; the profile's
 * {@link #canonical()} text is part of the model's {@code specHash}.
 *
 * <ul>
 *   <li>{@link PortableProfile} ({@value #PORTABLE_BACKEND}): every operation's order fixed by the
 *       spec alone; the same bits on every CPU and JVM. The default for new models.
 *   <li>{@link OpenBlasProfile} ({@value #CPU_BACKEND}, or a GPU backend in tolerant mode): the
 *       x86-64 fast path, tied to one OpenBLAS build and kernel set.
 * </ul>
 *
 * <p>The worker thread count is absent from both: the engines' fixed decompositions make the bits
 * independent of it (see {@code docs/training-engine.md}).
 */
public sealed interface ReproducibilityProfile permits PortableProfile, OpenBlasProfile {

  String PORTABLE_BACKEND = "jvm-portable";
  String CPU_BACKEND = "nd4j-native-cpu";
  String CUDA_BACKEND = "nd4j-cuda";
  String FLOAT32 = "float32";
  String FORMAT = "proofmint-profile/1";

  /** The profile new models are registered under: {@link PortableProfile#current()}. */
  static ReproducibilityProfile defaultForNewModels() {
    return PortableProfile.current();
  }

  /** The portable profile this build implements. */
  static PortableProfile portable() {
    return PortableProfile.current();
  }

  /** See {@link OpenBlasProfile#referenceCpu()}. */
  static OpenBlasProfile referenceCpu() {
    return OpenBlasProfile.referenceCpu();
  }

  /** The OpenBLAS profile this process reproduces, with the default decomposition. */
  static OpenBlasProfile of(RuntimeFacts facts) {
    return OpenBlasProfile.of(facts);
  }

  /** The OpenBLAS profile this process reproduces, with the given decomposition. */
  static OpenBlasProfile of(RuntimeFacts facts, int rowBlockSize, int gradientTileSize) {
    return OpenBlasProfile.of(facts, rowBlockSize, gradientTileSize);
  }

  /** The backend field: {@value #PORTABLE_BACKEND}, {@value #CPU_BACKEND} or a GPU backend. */
  String backend();

  /** Revision of the step arithmetic the profile names. */
  int engineRevision();

  /** True where two runs give the same bits, so exact-mode models may use the profile. */
  boolean supportsExactMode();

  /** Whether a model verified in {@code mode} may use this profile. */
  ProfileCheck checkMode(VerificationMode mode);

  /**
   * Whether this process can reproduce the profile's bits; a value with the reason and what to
   * change, never an exception.
   */
  ProfileCheck checkThisProcess();

  /** Stable text for hashing: {@value #FORMAT} and {@code key=value} fields joined by ';'. */
  String canonical();

  /**
   * Parses {@link #canonical()} text of either kind, telling them apart by the {@code backend}
   * field.
   *
   * @throws IllegalArgumentException naming the field that is wrong and what was expected
   */
  static ReproducibilityProfile parse(String canonical) {
    String prefix = FORMAT + ";backend=" + PORTABLE_BACKEND + ";";
    if (canonical.startsWith(prefix) || canonical.equals(FORMAT + ";backend=" + PORTABLE_BACKEND)) {
      return PortableProfile.parse(canonical);
    }
    return OpenBlasProfile.parse(canonical);
  }
}
