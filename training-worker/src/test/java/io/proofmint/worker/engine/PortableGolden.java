package io.proofmint.worker.engine;

import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.SyntheticTask;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The golden runs of the portable profile: fixed models, data, seeds and 20 steps, reduced to the
 * SHA-256 of the state (every tensor in state order, each float as its 4 raw bits little-endian).
 * Every machine that runs the suite recomputes them and compares with the pinned values; {@link
 * #main} lets a test do so in a JVM started with other flags (vector width, no Vector API).
 */
final class PortableGolden {

  /** The reference model 784-256-256-10, batch 128, default Adam. */
  static final MlpSpec REFERENCE = MlpSpec.of(128, AdamConfig.defaults(), 784, 256, 256, 10);

  static final Examples REFERENCE_DATA = SyntheticTask.gaussianClusters(3, 1024, 784, 10);

  /** Odd sizes everywhere, so every kernel's remainders (rows, columns, lanes) run. */
  static final MlpSpec ODD = MlpSpec.of(23, AdamConfig.withLearningRate(1e-2f), 37, 29, 13, 7);

  static final Examples ODD_DATA = SyntheticTask.gaussianClusters(5, 300, 37, 7);

  static final long INIT_SEED = 7;
  static final long DATA_SEED = 99;
  static final int STEPS = 20;

  private PortableGolden() {}

  /** The state hash after {@link #STEPS} steps under the portable profile. */
  static String stateHash(
      MlpSpec spec, Examples data, int threads, int rowBlock, int gradientTile) {
    try (WorkerPool pool = WorkerPool.create(threads);
        TrainingEngine engine =
            TrainingEngine.open(
                spec, ReproducibilityProfile.portable(), pool, rowBlock, gradientTile)) {
      engine.initialize(INIT_SEED);
      Engines.train(engine, data, DATA_SEED, 0, STEPS);
      return hash(engine.exportState());
    }
  }

  static String hash(List<NamedTensor> state) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (NamedTensor t : state) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : t.data()) {
          bytes.putInt(Float.floatToRawIntBits(f));
        }
        sha.update(bytes.array());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  /**
   * Prints {@code kernel=<name>}, {@code odd=<hash>} and, with the argument {@code reference},
   * {@code reference=<hash>}: one line each.
   */
  public static void main(String[] args) {
    System.out.println("kernel=" + PortableKernels.ACTIVE.name());
    System.out.println("odd=" + stateHash(ODD, ODD_DATA, 2, 5, 7));
    if (args.length > 0 && args[0].equals("reference")) {
      System.out.println(
          "reference="
              + stateHash(
                  REFERENCE,
                  REFERENCE_DATA,
                  2,
                  PortableMlpModel.DEFAULT_ROW_BLOCK,
                  PortableMlpModel.DEFAULT_GRADIENT_TILE));
    }
  }
}
