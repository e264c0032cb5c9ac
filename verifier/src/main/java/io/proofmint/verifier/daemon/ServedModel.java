package io.proofmint.verifier.daemon;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.task.ModelDefinition;
import java.util.Objects;

/** A model this verifier replays, with its dataset loaded; matched to tasks by spec hash. */
public record ServedModel(ModelDefinition definition, Examples data) {

  public ServedModel {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(data, "data");
  }

  public Hash32 specHash() {
    return definition.specHash();
  }
}
