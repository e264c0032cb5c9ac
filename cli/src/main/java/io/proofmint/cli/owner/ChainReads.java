package io.proofmint.cli.owner;

import io.proofmint.wrappers.generated.TrainingRegistry;
import java.math.BigInteger;

/** Registry reads that name an unknown id instead of surfacing the call's revert. */
final class ChainReads {

  private ChainReads() {}

  static TrainingRegistry.ModelView model(TrainingRegistry registry, BigInteger id)
      throws Exception {
    BigInteger count = registry.modelCount().send();
    if (id.signum() <= 0 || id.compareTo(count) > 0) {
      throw new IllegalArgumentException(
          "unknown model " + id + ": the registry has " + count + " model(s), ids 1.." + count);
    }
    return registry.getModel(id).send();
  }

  static TrainingRegistry.TaskView task(TrainingRegistry registry, BigInteger id) throws Exception {
    BigInteger count = registry.taskCount().send();
    if (id.signum() <= 0 || id.compareTo(count) > 0) {
      throw new IllegalArgumentException(
          "unknown task " + id + ": the registry has " + count + " task(s), ids 1.." + count);
    }
    return registry.getTask(id).send();
  }
}
