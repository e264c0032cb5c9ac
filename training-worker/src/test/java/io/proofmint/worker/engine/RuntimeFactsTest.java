package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.worker.engine.ProfileCheck.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeFactsTest {

  @Test
  void probe_describesTheBundledCpuBackend() {
    Blas.useSingleThreadedCalls();

    RuntimeFacts facts = RuntimeFacts.probe(Map.of());

    assertThat(facts.backend()).isEqualTo("nd4j-native-cpu");
    assertThat(facts.nd4jVersion()).isEqualTo("1.0.0-M2.1");
    assertThat(facts.blasLibrary()).isEqualTo("OpenBLAS 0.3.19");
    assertThat(facts.blasCoreType()).isNotBlank().isNotEqualTo("unknown");
    assertThat(facts.coreTypeEnvironment()).isEqualTo("unset");
    assertThat(facts.blasThreadsPerCall()).isEqualTo(1);
    assertThat(facts.engineRevision()).isEqualTo(OpenBlasProfile.ENGINE_REVISION);
  }

  @Test
  void probe_reportsTheCoreTypeVariable() {
    assertThat(RuntimeFacts.probe(Map.of("OPENBLAS_CORETYPE", "Haswell")).coreTypeEnvironment())
        .isEqualTo("Haswell");
  }

  @Test
  void open_refusesAProfileThisProcessCannotReproduce() {
    RuntimeFacts facts = RuntimeFacts.probe();
    String otherCore = facts.blasCoreType().equals("SkylakeX") ? "Haswell" : "SkylakeX";
    OpenBlasProfile foreign =
        new OpenBlasProfile(
            facts.backend(),
            facts.nd4jVersion(),
            facts.blasLibrary(),
            otherCore,
            "float32",
            1,
            32,
            64,
            OpenBlasProfile.ENGINE_REVISION);

    try (WorkerPool pool = WorkerPool.singleThreaded()) {
      assertThatThrownBy(() -> TrainingEngine.open(Engines.SMALL, foreign, pool))
          .isInstanceOf(UnreproducibleProfileException.class)
          .hasMessageStartingWith("refusing to train: profile requires OpenBLAS core " + otherCore)
          .extracting(e -> ((UnreproducibleProfileException) e).check().reason())
          .isEqualTo(Reason.BLAS_CORE_MISMATCH);
    }
  }
}
