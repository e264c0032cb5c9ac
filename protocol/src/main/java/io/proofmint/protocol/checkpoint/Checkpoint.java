package io.proofmint.protocol.checkpoint;

import io.proofmint.protocol.crypto.Hash32;
import java.util.List;
import java.util.Optional;

/**
 * A model's full training state: the cumulative optimizer step count, the hash of the model spec it
 * belongs to, and its tensors (parameters, then optimizer state) in the order the engine declares.
 * Its canonical bytes are defined in protocol.md section 7.
 */
public record Checkpoint(long step, Hash32 specHash, List<Tensor> tensors) {

  public Checkpoint {
    tensors = List.copyOf(tensors);
    // validates step, specHash, tensor count and unique names
    new CheckpointHeader(step, specHash, tensors.stream().map(Tensor::spec).toList());
  }

  public static Checkpoint of(long step, Hash32 specHash, List<Tensor> tensors) {
    return new Checkpoint(step, specHash, tensors);
  }

  public CheckpointHeader header() {
    return new CheckpointHeader(step, specHash, tensors.stream().map(Tensor::spec).toList());
  }

  public Optional<Tensor> tensor(String name) {
    return tensors.stream().filter(tensor -> tensor.name().equals(name)).findFirst();
  }

  /** The total number of float32 elements over all tensors. */
  public long elementCount() {
    return tensors.stream().mapToLong(Tensor::elementCount).sum();
  }
}
