package io.proofmint.verifier.bench;

import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.verifier.replay.ReplayPolicy;
import io.proofmint.verifier.replay.SegmentReplayer;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The child of {@link ForeignCoreReplays}: replays every segment of a calibration bundle under this
 * process's own OpenBLAS core (row blocks 8, tiles 16, one thread) in tolerant mode. Arguments:
 * bundle directory, the model's profile text, layers, batch, examples. Prints {@code CORE <core
 * OpenBLAS loaded>} and {@code DISTANCES d0,d1,...}.
 */
public final class ForeignCoreReplayer {

  private ForeignCoreReplayer() {}

  public static void main(String[] args) throws Exception {
    Path bundleDir = Path.of(args[0]);
    int[] layers = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
    int batch = Integer.parseInt(args[3]);
    int examples = Integer.parseInt(args[4]);
    ModelDefinition model =
        ToleranceCalibration.model(layers, batch, ReproducibilityProfile.parse(args[1]));
    Examples data = ToleranceCalibration.data(layers, examples);
    RuntimeFacts facts = RuntimeFacts.probe();
    CheckpointHasher hasher = CheckpointHasher.sequential();
    ProofBundle bundle = new BundleReader(hasher).validate(bundleDir).validBundle().orElseThrow();
    StringJoiner distances = new StringJoiner(",");
    try (WorkerPool one = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(model.spec(), ReproducibilityProfile.of(facts, 8, 16), one)) {
      SegmentReplayer replayer =
          new SegmentReplayer(model, data, engine, hasher, ReplayPolicy.tolerant(1.0));
      for (int i = 0; i < bundle.segments(); i++) {
        distances.add(
            Double.toString(
                replayer.replay(bundle, i).distanceIfComputed().orElse(Double.POSITIVE_INFINITY)));
      }
    }
    System.out.println("CORE " + facts.blasCoreType());
    System.out.println("DISTANCES " + distances);
  }
}
