package io.proofmint.worker.engine;

import io.proofmint.worker.engine.ProfileCheck.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * The portable profile: every floating-point operation of a step has an order fixed by the spec
 * alone (docs/protocol.md, "Arithmetic of the portable profile"), computed in Java float32/double
 * arithmetic with {@link Math#fma} chains for the products and {@link StrictMath} for the
 * transcendental functions. No BLAS, no native code: the bits are the same on every CPU (x86-64,
 * ARM), vector width, core count and JVM, so the text names none of them.
 *
 * <p>Canonical text: {@code proofmint-profile/1;backend=jvm-portable;dtype=float32;engine=2}.
 *
 * @param dtype element type of parameters, activations and optimizer state ({@code float32})
 * @param engineRevision revision of the portable arithmetic; bumped whenever an operation or its
 *     order changes
 */
public record PortableProfile(String dtype, int engineRevision) implements ReproducibilityProfile {

  /** Revision of the portable step arithmetic this build implements. */
  public static final int ENGINE_REVISION = 2;

  private static final String[] KEYS = {"backend", "dtype", "engine"};

  public PortableProfile {
    if (dtype.isBlank() || dtype.contains(";") || dtype.contains("=")) {
      throw new IllegalArgumentException(
          "profile dtype must be non-blank and free of ';' and '=', got '" + dtype + "'");
    }
    if (engineRevision <= 0) {
      throw new IllegalArgumentException("profile: engine must be positive, got " + engineRevision);
    }
  }

  /** The portable profile this build implements: float32, {@value #ENGINE_REVISION}. */
  public static PortableProfile current() {
    return new PortableProfile(FLOAT32, ENGINE_REVISION);
  }

  /**
   * The matrix kernel this process runs the profile with ({@code vector-256}, {@code scalar}, ...):
   * speed only, never bits.
   */
  public static String kernelInUse() {
    return PortableKernels.ACTIVE.name();
  }

  @Override
  public String backend() {
    return PORTABLE_BACKEND;
  }

  @Override
  public boolean supportsExactMode() {
    return true;
  }

  @Override
  public ProfileCheck checkMode(VerificationMode mode) {
    return ProfileCheck.compatible();
  }

  /** Any JVM reproduces it; only the dtype and the engine revision can mismatch. */
  @Override
  public ProfileCheck checkThisProcess() {
    List<ProfileCheck> mismatches = new ArrayList<>();
    if (!FLOAT32.equals(dtype)) {
      mismatches.add(
          new ProfileCheck(
              Reason.DTYPE_UNSUPPORTED,
              "profile requires dtype %s, this engine trains %s only".formatted(dtype, FLOAT32)));
    }
    if (engineRevision != ENGINE_REVISION) {
      mismatches.add(
          new ProfileCheck(
              Reason.ENGINE_REVISION_MISMATCH,
              ("profile requires portable engine revision %d, this build implements %d: run a"
                      + " proofmint release that implements revision %d")
                  .formatted(engineRevision, ENGINE_REVISION, engineRevision)));
    }
    return ProfileCheck.of(mismatches);
  }

  @Override
  public String canonical() {
    return FORMAT
        + ";backend="
        + PORTABLE_BACKEND
        + ";dtype="
        + dtype
        + ";engine="
        + engineRevision;
  }

  static PortableProfile parse(String canonical) {
    String[] values = ProfileFields.read(canonical, KEYS);
    int engine = ProfileFields.integer(KEYS[2], values[2]);
    PortableProfile profile = new PortableProfile(values[1], engine);
    if (!profile.canonical().equals(canonical)) {
      throw new IllegalArgumentException(
          "portable profile: not in canonical form, expected '%s', got '%s'"
              .formatted(profile.canonical(), canonical));
    }
    return profile;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
