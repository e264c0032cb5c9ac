package io.proofmint.worker.engine;

import static io.proofmint.worker.engine.PortableGolden.ODD;
import static io.proofmint.worker.engine.PortableGolden.ODD_DATA;
import static io.proofmint.worker.engine.PortableGolden.REFERENCE;
import static io.proofmint.worker.engine.PortableGolden.REFERENCE_DATA;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The portable profile's promise: the same bits on every machine, whatever the vector width, the
 * kernel, the worker threads and the decomposition. The pinned hashes are checked by every machine
 * that runs the suite, so an Intel and an AMD CI machine (or an ARM laptop) compare against the
 * same values.
 */
class PortableEngineDeterminismTest {

  /** {@link PortableGolden#REFERENCE} after 20 steps. */
  static final String REFERENCE_GOLDEN =
      "480a9dbf6fc0651eb25ba8eb85f45989b9827afd10e1308e13474185bae2b2bc";

  /** {@link PortableGolden#ODD} after 20 steps. */
  static final String ODD_GOLDEN =
      "03a94998e75588bb022fb1546a64eaa1cf46321f170a46525e89a97b95b8230b";

  @Test
  void referenceModel_after20Steps_hasTheGoldenHash() {
    assertThat(
            PortableGolden.stateHash(
                REFERENCE,
                REFERENCE_DATA,
                2,
                PortableMlpModel.DEFAULT_ROW_BLOCK,
                PortableMlpModel.DEFAULT_GRADIENT_TILE))
        .isEqualTo(REFERENCE_GOLDEN);
  }

  @Test
  void referenceModel_otherThreadsAndDecomposition_sameGoldenHash() {
    assertThat(PortableGolden.stateHash(REFERENCE, REFERENCE_DATA, 1, 64, 128))
        .isEqualTo(REFERENCE_GOLDEN);
    assertThat(PortableGolden.stateHash(REFERENCE, REFERENCE_DATA, 3, 13, 100))
        .isEqualTo(REFERENCE_GOLDEN);
  }

  @ParameterizedTest(name = "{0} thread(s), row block {1}, gradient tile {2}")
  @CsvSource({
    "1, 5, 7",
    "1, 23, 37",
    "2, 5, 7",
    "2, 8, 16",
    "3, 1, 1",
    "3, 11, 3",
    "8, 4, 5",
    "8, 32, 64"
  })
  void oddModel_threadsAndDecomposition_neverChangeTheGoldenHash(
      int threads, int rowBlock, int gradientTile) {
    assertThat(PortableGolden.stateHash(ODD, ODD_DATA, threads, rowBlock, gradientTile))
        .isEqualTo(ODD_GOLDEN);
  }

  @Test
  void anotherInitSeed_givesOtherBits_soTheComparisonCanFail() {
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(ODD, ReproducibilityProfile.portable(), pool).initialize(8)) {
      Engines.train(engine, ODD_DATA, PortableGolden.DATA_SEED, 0, PortableGolden.STEPS);
      assertThat(PortableGolden.hash(engine.exportState())).isNotEqualTo(ODD_GOLDEN);
    }
  }

  /**
   * Each width in its own JVM: the kernel's species is a {@code static final} chosen when the class
   * loads. 512 bits on an AVX2 machine runs the Vector API's slow Java fallback, hence the small
   * model there; the scalar kernel also replays the reference model.
   */
  @ParameterizedTest(name = "vector width {0}")
  @CsvSource({"0, scalar", "128, vector-128", "256, vector-256", "512, vector-512"})
  void everyVectorWidth_andTheScalarKernel_giveTheGoldenBits(String bits, String kernel)
      throws Exception {
    List<String> flags = new ArrayList<>();
    flags.add("--add-modules");
    flags.add("jdk.incubator.vector");
    flags.add("-D" + PortableKernels.WIDTH_PROPERTY + "=" + bits);
    List<String> out = runGolden(flags, bits.equals("0"));

    assertThat(out).contains("kernel=" + kernel, "odd=" + ODD_GOLDEN);
    if (bits.equals("0")) {
      assertThat(out).contains("reference=" + REFERENCE_GOLDEN);
    }
  }

  @Test
  void aJvmWithoutTheVectorModule_fallsBackToScalar_withTheSameBits() throws Exception {
    assertThat(runGolden(List.of(), false)).contains("kernel=scalar", "odd=" + ODD_GOLDEN);
  }

  private static List<String> runGolden(List<String> flags, boolean reference)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PortableGolden.class.getName());
    if (reference) {
      command.add("reference");
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().map(String::strip).toList();
  }
}
