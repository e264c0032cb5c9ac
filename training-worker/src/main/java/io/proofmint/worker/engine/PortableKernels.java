package io.proofmint.worker.engine;

/**
 * Chooses the {@link GemmKernel} of this process, once: the Vector API kernel when the module
 * {@code jdk.incubator.vector} is in the JVM ({@code --add-modules jdk.incubator.vector}), else the
 * scalar reference. The system property {@value #WIDTH_PROPERTY} forces a width: {@code 0}
 * (scalar), {@code 128}, {@code 256} or {@code 512} bits; unset or {@code auto} takes the CPU's
 * preferred width. The choice changes speed only, never a bit.
 */
final class PortableKernels {

  static final String WIDTH_PROPERTY = "proofmint.portable.vectorBits";

  static final GemmKernel ACTIVE = choose();

  private PortableKernels() {}

  private static GemmKernel choose() {
    String width = System.getProperty(WIDTH_PROPERTY, "auto").trim();
    if (width.equals("0") || !vectorModulePresent()) {
      return ScalarGemm.INSTANCE;
    }
    return VectorGemm.INSTANCE;
  }

  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }
}
