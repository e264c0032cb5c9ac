package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.worker.engine.ProfileCheck.Reason;
import org.junit.jupiter.api.Test;

class PortableProfileTest {

  @Test
  void canonical_namesNoCpuBlasOrDecomposition_andParsesBack() {
    PortableProfile profile = ReproducibilityProfile.portable();

    assertThat(profile.canonical())
        .isEqualTo("proofmint-profile/1;backend=jvm-portable;dtype=float32;engine=2");
    assertThat(ReproducibilityProfile.parse(profile.canonical())).isEqualTo(profile);
    assertThat(ReproducibilityProfile.defaultForNewModels()).isEqualTo(profile);
  }

  @Test
  void parse_rejectsExtraFields_otherOrder_andNonCanonicalNumbers() {
    String text = ReproducibilityProfile.portable().canonical();

    assertThatThrownBy(() -> ReproducibilityProfile.parse(text + ";rowBlock=64"))
        .hasMessageContaining(
            "expected 'proofmint-profile/1' and 3 key=value fields (backend, dtype, engine)");
    assertThatThrownBy(
            () ->
                ReproducibilityProfile.parse(
                    "proofmint-profile/1;backend=jvm-portable;engine=2;dtype=float32"))
        .hasMessageContaining("expected key 'dtype'");
    assertThatThrownBy(() -> ReproducibilityProfile.parse(text.replace("engine=2", "engine=02")))
        .hasMessageContaining("not in canonical form");
    assertThatThrownBy(() -> ReproducibilityProfile.parse(text.replace("engine=2", "engine=x")))
        .hasMessageContaining("engine: expected an integer, got 'x'");
  }

  @Test
  void anyProcessReproducesIt_inEitherMode() {
    PortableProfile profile = ReproducibilityProfile.portable();

    assertThat(profile.checkThisProcess().isCompatible()).isTrue();
    assertThat(profile.supportsExactMode()).isTrue();
    assertThat(profile.checkMode(VerificationMode.EXACT).isCompatible()).isTrue();
    assertThat(profile.checkMode(VerificationMode.TOLERANT).isCompatible()).isTrue();
  }

  @Test
  void anotherEngineRevision_isRefused_sayingWhatToRun() {
    ProfileCheck check = new PortableProfile("float32", 3).checkThisProcess();

    assertThat(check.reason()).isEqualTo(Reason.ENGINE_REVISION_MISMATCH);
    assertThat(check.message())
        .contains("portable engine revision 3, this build implements 2")
        .contains("run a proofmint release that implements revision 3");
    try (WorkerPool pool = WorkerPool.singleThreaded()) {
      assertThatThrownBy(
              () -> TrainingEngine.open(Engines.SMALL, new PortableProfile("float32", 3), pool))
          .isInstanceOf(UnreproducibleProfileException.class);
    }
  }
}
