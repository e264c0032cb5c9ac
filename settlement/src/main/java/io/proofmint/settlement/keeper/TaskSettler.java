package io.proofmint.settlement.keeper;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.settlement.index.IndexedTask;
import io.proofmint.wrappers.ChainAccessException;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a task needs: finalize (Attested or Resolved past the window end, Disputed past the
 * resolve-by time), pay its attesters (final, unpaid), or expire it (Claimed or Committed past the
 * deadline). The index only nominates tasks; the decision is taken on the task as the chain holds
 * it now, read just before planning.
 */
public final class TaskSettler {

  private static final Logger LOG = LoggerFactory.getLogger(TaskSettler.class);

  private final TrainingRegistry registry;
  private final boolean expireTasks;
  private final Map<BigInteger, Long> challengeWindows = new ConcurrentHashMap<>();

  public TaskSettler(TrainingRegistry registry, boolean expireTasks) {
    this.registry = registry;
    this.expireTasks = expireTasks;
  }

  /** True if the index alone says the task may need something at {@code chainTime}. */
  public boolean nominated(IndexedTask task, long chainTime) {
    Long deadline = task.deadline();
    return switch (task.status()) {
      case CLAIMED, COMMITTED -> expireTasks && deadline != null && deadline < chainTime;
      case ATTESTED, RESOLVED, DISPUTED -> deadline != null && deadline <= chainTime;
      case FINALIZED, STALE, REJECTED -> !task.rewardsPaid() && !task.attesters().isEmpty();
      default -> false;
    };
  }

  /** What the task needs now according to the chain, if anything. */
  public Optional<PlannedTx> plan(IndexedTask task, long chainTime) throws IOException {
    BigInteger id = task.taskId();
    TrainingRegistry.TaskView t = call(() -> registry.getTask(id).send(), "getTask " + id);
    TaskStatus status = TaskStatus.fromChain(t.status);
    long deadline = t.deadline.longValueExact();
    String registryAddress = registry.getContractAddress();
    List<String> subjects = List.of(task.subject());
    switch (status) {
      case ATTESTED, RESOLVED -> {
        if (deadline <= chainTime) {
          return Optional.of(
              new PlannedTx(
                  IntentKind.FINALIZE,
                  registryAddress,
                  registry.finalize(id).encodeFunctionCall(),
                  subjects,
                  "finalize task " + id + " (window ended at " + deadline + ")"));
        }
      }
      case DISPUTED -> {
        long resolveBy = deadline + challengeWindow(t.modelId);
        if (resolveBy <= chainTime) {
          return Optional.of(
              new PlannedTx(
                  IntentKind.FINALIZE,
                  registryAddress,
                  registry.finalize(id).encodeFunctionCall(),
                  subjects,
                  "finalize task " + id + " (dispute lapsed at " + resolveBy + ")"));
        }
      }
      case FINALIZED, STALE, REJECTED -> {
        if (t.attesterRewardsPaid) {
          return Optional.empty();
        }
        List<String> attesters = task.attesters();
        if (attesters.isEmpty() || !attestersHash(attesters).equals(Hash32.of(t.attestersHash))) {
          LOG.warn(
              "task {}: the indexed attesters {} do not match the registry's hash; waiting for the"
                  + " index",
              id,
              attesters);
          return Optional.empty();
        }
        return Optional.of(
            new PlannedTx(
                IntentKind.CLAIM_REWARDS,
                registryAddress,
                registry.claimAttesterRewards(id, attesters).encodeFunctionCall(),
                subjects,
                "pay the " + attesters.size() + " attesters of task " + id));
      }
      case CLAIMED, COMMITTED -> {
        if (expireTasks && deadline < chainTime) {
          return Optional.of(
              new PlannedTx(
                  IntentKind.EXPIRE,
                  registryAddress,
                  registry.expire(id).encodeFunctionCall(),
                  subjects,
                  "expire task "
                      + id
                      + " ("
                      + (status == TaskStatus.CLAIMED ? "commit" : "verification")
                      + " deadline "
                      + deadline
                      + " passed)"));
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** {@code keccak256(abi.encodePacked(address[]))}: each address in a 32-byte word. */
  static Hash32 attestersHash(List<String> attesters) {
    AbiEncoder encoder = AbiEncoder.create();
    attesters.forEach(a -> encoder.address(Address.fromHex(a)));
    return encoder.hash();
  }

  private long challengeWindow(BigInteger modelId) throws IOException {
    Long cached = challengeWindows.get(modelId);
    if (cached != null) {
      return cached;
    }
    long window =
        call(() -> registry.getRules(modelId).send(), "getRules " + modelId)
            .challengeWindow
            .longValueExact();
    challengeWindows.put(modelId, window);
    return window;
  }

  @FunctionalInterface
  interface ChainCall<T> {
    T run() throws Exception;
  }

  static <T> T call(ChainCall<T> call, String what) throws IOException {
    try {
      return call.run();
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ChainAccessException("registry " + what + " failed: " + e.getMessage(), e);
    }
  }
}
