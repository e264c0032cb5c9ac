package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.ChunkHashingOutputStream;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Computes an artifact's address: the checkpoint hash (protocol.md section 7.2) for {@link
 * ArtifactKind#CHECKPOINT}, keccak-256 of the bytes for {@link ArtifactKind#BLOB}.
 */
public final class ArtifactHasher {

  private final CheckpointHasher checkpoints;

  public ArtifactHasher(CheckpointHasher checkpoints) {
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
  }

  public Hash32 hash(ArtifactKind kind, byte[] bytes) {
    return switch (kind) {
      case CHECKPOINT -> checkpoints.hash(bytes);
      case BLOB -> Keccak.hash(bytes);
    };
  }

  public Hash32 hash(ArtifactKind kind, Path file) throws IOException {
    if (kind == ArtifactKind.CHECKPOINT) {
      return checkpoints.hash(file);
    }
    Sink sink = newSink(kind);
    try (InputStream in = Files.newInputStream(file)) {
      in.transferTo(sink);
    }
    return sink.finish();
  }

  /** A stream that computes the address of what is written to it. */
  public Sink newSink(ArtifactKind kind) {
    return switch (kind) {
      case CHECKPOINT -> new CheckpointSink(checkpoints.newSink());
      case BLOB -> new KeccakSink();
    };
  }

  /** An output stream that hashes; {@link #finish()} once after the last write. */
  public abstract static sealed class Sink extends OutputStream permits CheckpointSink, KeccakSink {

    private Sink() {}

    /** The address of everything written. */
    public abstract Hash32 finish();

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public abstract void write(byte[] data, int offset, int length);
  }

  private static final class CheckpointSink extends Sink {
    private final ChunkHashingOutputStream out;

    CheckpointSink(ChunkHashingOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
      out.write(data, offset, length);
    }

    @Override
    public Hash32 finish() {
      return out.finish();
    }
  }

  private static final class KeccakSink extends Sink {
    private final Keccak.Hasher hasher = Keccak.newHasher();

    @Override
    public void write(byte[] data, int offset, int length) {
      hasher.update(data, offset, length);
    }

    @Override
    public Hash32 finish() {
      return hasher.finish();
    }
  }
}
