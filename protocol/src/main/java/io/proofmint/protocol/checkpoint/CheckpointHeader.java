package io.proofmint.protocol.checkpoint;

import io.proofmint.protocol.crypto.Hash32;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The header of an encoded checkpoint: the model's cumulative step counter, the model spec hash and
 * the tensor descriptors, in encoding order.
 */
public record CheckpointHeader(long step, Hash32 specHash, List<TensorSpec> tensors) {

  public CheckpointHeader {
    if (step < 0) {
      throw new IllegalArgumentException("checkpoint step: expected >= 0, got " + step);
    }
    Objects.requireNonNull(specHash, "specHash");
    tensors = List.copyOf(tensors);
    if (tensors.size() > CheckpointFormat.MAX_TENSORS) {
      throw new IllegalArgumentException(
          "checkpoint: expected at most %d tensors, got %d"
              .formatted(CheckpointFormat.MAX_TENSORS, tensors.size()));
    }
    Set<String> names = new HashSet<>();
    for (TensorSpec tensor : tensors) {
      if (!names.add(tensor.name())) {
        throw new IllegalArgumentException(
            "checkpoint: expected unique tensor names, got '%s' twice".formatted(tensor.name()));
      }
    }
  }

  /** Bytes of the whole header, descriptors included. */
  public long headerLength() {
    long length = CheckpointFormat.FIXED_HEADER_SIZE;
    for (TensorSpec tensor : tensors) {
      length += tensor.descriptorLength();
    }
    return length;
  }

  /** Bytes of the data section: every tensor's elements. */
  public long dataLength() {
    long length = 0;
    for (TensorSpec tensor : tensors) {
      length += tensor.byteLength();
    }
    return length;
  }

  /** The length of the whole encoding. */
  public long encodedLength() {
    return headerLength() + dataLength();
  }
}
