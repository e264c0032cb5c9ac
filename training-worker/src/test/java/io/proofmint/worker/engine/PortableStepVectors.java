package io.proofmint.worker.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.protocol.io.Json;
import java.util.List;

/**
 * The example vector of docs/protocol.md section 15: a 5-4-3 MLP (one hidden layer), batch 3, on
 * six explicit examples, initialized from seed 7 and trained two steps under the portable profile.
 * Every float is written as its IEEE-754 bits in hex, so an implementation in another language
 * compares bit for bit.
 */
final class PortableStepVectors {

  static final MlpSpec SPEC = MlpSpec.of(3, AdamConfig.withLearningRate(1e-2f), 5, 4, 3);

  static final Examples DATA =
      new Examples(
          5,
          3,
          new float[] {
            0.5f, -1.25f, 2f, 0f, 0.75f, //
            -0.5f, 0.25f, 1.5f, -2f, 1f, //
            1f, 1f, -1f, 0.125f, -0.375f, //
            0f, -0.5f, 0.5f, 3f, -1.5f, //
            2.5f, 0.1f, -0.2f, 0.3f, -0.4f, //
            -1f, -1f, 0.05f, 0.6f, 1.2f
          },
          new int[] {0, 2, 1, 2, 0, 1});

  static final long INIT_SEED = 7;

  /** The examples of step 0 and step 1 (in a task they come from section 9.2). */
  static final int[][] BATCHES = {{4, 0, 4}, {1, 5, 3}};

  private PortableStepVectors() {}

  static ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put("profile", ReproducibilityProfile.portable().canonical());
    root.put("model", SPEC.canonical());
    root.put("initSeed", INIT_SEED);
    ArrayNode features = root.putArray("features");
    for (float f : DATA.features()) {
      features.add(hex(f));
    }
    ArrayNode labels = root.putArray("labels");
    for (int label : DATA.labels()) {
      labels.add(label);
    }
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(SPEC, ReproducibilityProfile.portable(), pool)
                .initialize(INIT_SEED)) {
      root.set("initial", state(engine.exportState()));
      ArrayNode steps = root.putArray("steps");
      for (int[] batch : BATCHES) {
        ObjectNode step = steps.addObject();
        ArrayNode indices = step.putArray("indices");
        for (int i : batch) {
          indices.add(i);
        }
        step.put("loss", hex(engine.step(DATA, batch)));
        step.set("gradients", state(engine.lastGradients()));
        step.set("state", state(engine.exportState()));
      }
    }
    return root;
  }

  private static ObjectNode state(List<NamedTensor> tensors) {
    ObjectNode state = Json.object();
    for (NamedTensor t : tensors) {
      ArrayNode values = state.putArray(t.name());
      for (float f : t.data()) {
        values.add(hex(f));
      }
    }
    return state;
  }

  private static String hex(float f) {
    return "%08x".formatted(Float.floatToRawIntBits(f));
  }
}
