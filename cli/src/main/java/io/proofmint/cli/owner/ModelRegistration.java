package io.proofmint.cli.owner;

import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.wrappers.EventLogs;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Registers a model from its definition: the one path `proofmint model register` and the demo take.
 * The initial head is the hash of the definition's initial checkpoint, which every worker and
 * verifier recomputes from the definition ({@code KnownCheckpoints}), so nothing is published. A
 * model of the same owner, spec hash, dataset root and initial head is found, not registered again,
 * unless asked to.
 */
public final class ModelRegistration {

  /** What to register. */
  public record Request(
      ModelDefinition definition, Hash32 initialHead, VerificationRules rules, TokenTerms token) {

    public Request {
      if (rules.mode() != definition.mode()) {
        throw new IllegalArgumentException(
            "rules: mode "
                + rules.mode()
                + " differs from the definition's mode "
                + definition.mode());
      }
    }
  }

  /** The registered model; {@code receipt} is empty when it was registered before. */
  public record Registered(BigInteger modelId, String token, Optional<TransactionReceipt> receipt) {

    public boolean registeredNow() {
      return receipt.isPresent();
    }
  }

  private final Suite owner;

  /**
   * @param owner the suite as seen by the account that will own the model
   */
  public ModelRegistration(Suite owner) {
    this.owner = owner;
  }

  /**
   * Refuses a dataset whose root is not the one {@code definition} trains on, naming both.
   *
   * @param where how to name the dataset (its directory)
   */
  public static void requireDataset(ModelDefinition definition, Hash32 datasetRoot, Object where) {
    if (!datasetRoot.equals(definition.datasetRoot())) {
      throw new IllegalArgumentException(
          "dataset "
              + where
              + " has root "
              + datasetRoot
              + ", but model '"
              + definition.name()
              + "' names dataset root "
              + definition.datasetRoot()
              + ": commit the dataset the definition names, or fix datasetRoot in the definition");
    }
  }

  /** The model's initial head: the hash of its initial checkpoint, as the demo has always taken. */
  public static Hash32 initialHead(
      TrainingEngine engine, ModelDefinition definition, CheckpointHasher hasher) {
    return hasher.hash(StateCheckpoints.initial(engine, definition));
  }

  /**
   * Registers {@code request}, unless this owner registered the same model already and {@code
   * again} is false: then returns that model, sending nothing.
   */
  public Registered register(Request request, boolean again) throws Exception {
    ModelDefinition d = request.definition();
    if (!again) {
      Optional<Registered> existing = find(d.specHash(), d.datasetRoot(), request.initialHead());
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    return send(
        d.specHash(),
        d.datasetRoot(),
        request.initialHead(),
        request.rules().toChain(),
        request.token());
  }

  /** The first model this owner registered with these three hashes, if any. */
  public Optional<Registered> find(Hash32 specHash, Hash32 datasetRoot, Hash32 initialHead)
      throws IOException {
    for (Log log :
        new EventLogs(owner.chain().web3j())
            .find(
                owner.address(SuiteRoles.TRAINING_REGISTRY),
                owner.manifest().deployBlock(),
                TrainingRegistry.MODELREGISTERED_EVENT,
                null,
                EventLogs.topic(owner.account().getAddress()))) {
      var event = TrainingRegistry.getModelRegisteredEventFromLog(log);
      if (Hash32.of(event.specHash).equals(specHash)
          && Hash32.of(event.datasetRoot).equals(datasetRoot)
          && Hash32.of(event.initialHead).equals(initialHead)) {
        return Optional.of(new Registered(event.modelId, event.token, Optional.empty()));
      }
    }
    return Optional.empty();
  }

  /** Sends registerModel as it is, without looking for an earlier registration. */
  public Registered send(
      Hash32 specHash,
      Hash32 datasetRoot,
      Hash32 initialHead,
      TrainingRegistry.Rules rules,
      TokenTerms token)
      throws Exception {
    TransactionReceipt receipt =
        owner
            .registry()
            .registerModel(
                specHash.bytes(),
                datasetRoot.bytes(),
                initialHead.bytes(),
                rules,
                token.name(),
                token.symbol(),
                token.initialSupply())
            .send();
    var event = TrainingRegistry.getModelRegisteredEvents(receipt).get(0);
    return new Registered(event.modelId, event.token, Optional.of(receipt));
  }
}
