package io.proofmint.worker.role;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** Finds tasks a worker can take: created since the deployment, still open, of its model spec. */
final class OpenTasks {

  private OpenTasks() {}

  static Optional<BigInteger> find(Suite suite, Hash32 specHash) throws Exception {
    String registryAddress = suite.address(SuiteRoles.TRAINING_REGISTRY);
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(suite.manifest().deployBlock())),
            DefaultBlockParameterName.LATEST,
            registryAddress);
    filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(TrainingRegistry.TASKCREATED_EVENT));
    EthLog logs = suite.chain().web3j().ethGetLogs(filter).send();
    if (logs.hasError()) {
      throw new java.io.IOException("eth_getLogs for TaskCreated: " + logs.getError().getMessage());
    }
    Map<BigInteger, Boolean> specMatches = new HashMap<>();
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      Log log = (Log) result.get();
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
