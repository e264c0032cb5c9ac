package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.worker.engine.ProfileCheck.Reason;
import org.junit.jupiter.api.Test;

class ReproducibilityProfileTest {

  private static RuntimeFacts facts(String backend, String core, String env, int threads) {
    return new RuntimeFacts(backend, "1.0.0-M2.1", "OpenBLAS 0.3.19", core, env, threads, 1);
  }

  @Test
  void canonical_isStableText_andParsesBack() {
    ReproducibilityProfile profile = ReproducibilityProfile.referenceCpu();

    assertThat(profile.canonical())
        .isEqualTo(
            "proofmint-profile/1;backend=nd4j-native-cpu;nd4j=1.0.0-M2.1;blas=OpenBLAS 0.3.19;"
                + "blasCore=Haswell;dtype=float32;blasThreads=1;rowBlock=64;gradTile=128;engine=1");
    assertThat(ReproducibilityProfile.parse(profile.canonical())).isEqualTo(profile);
  }

  @Test
  void parse_namesTheFieldThatIsWrong() {
    String text = ReproducibilityProfile.referenceCpu().canonical();

    assertThatThrownBy(() -> ReproducibilityProfile.parse(text.replace("rowBlock=", "rows=")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("profile field 7: expected key 'rowBlock', got 'rows=64'");
    assertThatThrownBy(() -> ReproducibilityProfile.parse(text.replace("=64;", "=x;")))
        .hasMessage("profile field rowBlock: expected an integer, got 'x'");
    assertThatThrownBy(() -> ReproducibilityProfile.parse("proofmint-profile/1;backend=x"))
        .hasMessageContaining("expected 'proofmint-profile/1' and 9 key=value fields");
  }

  @Test
  void checkRuntime_acceptsMatchingProcess() {
    ProfileCheck check =
        ReproducibilityProfile.referenceCpu()
            .checkRuntime(facts("nd4j-native-cpu", "Haswell", "Haswell", 1));

    assertThat(check.isCompatible()).isTrue();
    assertThat(check.reason()).isEqualTo(Reason.COMPATIBLE);
  }

  @Test
  void checkRuntime_explainsCoreMismatch_withTheVariableToSet() {
    ProfileCheck check =
        ReproducibilityProfile.referenceCpu()
            .checkRuntime(facts("nd4j-native-cpu", "SkylakeX", "unset", 1));

    assertThat(check.reason()).isEqualTo(Reason.BLAS_CORE_MISMATCH);
    assertThat(check.message())
        .isEqualTo(
            "profile requires OpenBLAS core Haswell, this process has SkylakeX"
                + " (OPENBLAS_CORETYPE=unset): start the JVM with OPENBLAS_CORETYPE=Haswell");
  }

  @Test
  void checkRuntime_reportsFirstReason_andEveryMismatch() {
    RuntimeFacts other =
        new RuntimeFacts("nd4j-native-cpu", "1.0.0-M2.0", "OpenBLAS 0.3.21", "Zen", "unset", 2, 1);

    ProfileCheck check = ReproducibilityProfile.referenceCpu().checkRuntime(other);

    assertThat(check.reason()).isEqualTo(Reason.ND4J_VERSION_MISMATCH);
    assertThat(check.message())
        .contains("profile requires ND4J 1.0.0-M2.1, this process has 1.0.0-M2.0")
        .contains("profile requires BLAS OpenBLAS 0.3.19, this process has OpenBLAS 0.3.21")
        .contains("profile requires OpenBLAS core Haswell, this process has Zen")
        .contains("profile requires 1 BLAS threads per call, this process has 2");
  }

  @Test
  void checkMode_allowsExactOnlyOnTheCpuBackend() {
    ReproducibilityProfile cpu = ReproducibilityProfile.referenceCpu();
    ReproducibilityProfile gpu = ReproducibilityProfile.of(facts("nd4j-cuda", "none", "unset", 1));

    assertThat(cpu.supportsExactMode()).isTrue();
    assertThat(cpu.checkMode(VerificationMode.EXACT).isCompatible()).isTrue();
    assertThat(gpu.supportsExactMode()).isFalse();
    assertThat(gpu.checkMode(VerificationMode.TOLERANT).isCompatible()).isTrue();
    ProfileCheck exact = gpu.checkMode(VerificationMode.EXACT);
    assertThat(exact.reason()).isEqualTo(Reason.EXACT_MODE_NEEDS_CPU_BACKEND);
    assertThat(exact.message()).contains("under the portable profile or in tolerant mode");
  }

  @Test
  void checkRuntime_rejectsGpuProcessForCpuProfile() {
    ProfileCheck check =
        ReproducibilityProfile.referenceCpu().checkRuntime(facts("nd4j-cuda", "none", "unset", 1));

    assertThat(check.reason()).isEqualTo(Reason.BACKEND_MISMATCH);
    assertThat(check.message())
        .startsWith("profile requires backend nd4j-native-cpu, this process has nd4j-cuda");
  }

  @Test
  void constructor_rejectsSeparatorsInValues() {
    assertThatThrownBy(
            () ->
                new OpenBlasProfile(
                    "nd4j-native-cpu", "1;2", "OpenBLAS", "Haswell", "float32", 1, 32, 64, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("free of ';' and '='");
  }
}
