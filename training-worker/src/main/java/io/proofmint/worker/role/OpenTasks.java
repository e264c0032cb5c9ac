package io.proofmint.worker.role;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.chain.ChainReader;
import io.proofmint.wrappers.chain.LogQuery;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;

/** Finds tasks a worker can take: created since the deployment, still open, of its model spec. */
final class OpenTasks {

  private OpenTasks() {}

  static Optional<BigInteger> find(Suite suite, Hash32 specHash) throws Exception {
    List<Log> logs =
        ChainReader.of(suite.chain())
            .logs(
                LogQuery.since(suite.manifest().deployBlock())
                    .at(suite.address(SuiteRoles.TRAINING_REGISTRY))
                    .topic(EventEncoder.encode(TrainingRegistry.TASKCREATED_EVENT)));
    Map<BigInteger, Boolean> specMatches = new HashMap<>();
    for (Log log : logs) {
      var created = TrainingRegistry.getTaskCreatedEventFromLog(log);
      boolean ours =
          specMatches.computeIfAbsent(
              created.modelId,
              id -> {
                try {
                  return Hash32.of(suite.registry().getModel(id).send().specHash).equals(specHash);
                } catch (Exception e) {
                  throw new IllegalStateException("reading model " + id + ": " + e.getMessage(), e);
                }
              });
      if (ours
          && TaskStatus.fromChain(suite.registry().getTask(created.taskId).send().status)
              == TaskStatus.OPEN) {
        return Optional.of(created.taskId);
      }
    }
    return Optional.empty();
  }
}
