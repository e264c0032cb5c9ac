package io.proofmint.protocol.checkpoint;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.protocol.io.HashMismatchException;
import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checkpoint files: atomic, streaming writes that hash on the way, and checked reads. */
public final class CheckpointFiles {

  /** Files up to this size are read once into memory, so the hashed bytes are the decoded bytes. */
  private static final long IN_MEMORY_LIMIT = 1L << 30;

  private CheckpointFiles() {}

  /**
   * Writes the canonical encoding of {@code checkpoint} to {@code file} atomically and returns its
   * checkpoint hash, computed from the same stream of bytes.
   */
  public static Hash32 write(Path file, Checkpoint checkpoint, CheckpointHasher hasher)
      throws IOException {
    ChunkHashingOutputStream sink = hasher.newSink();
    AtomicFiles.write(file, out -> CheckpointEncoder.encode(checkpoint, new Tee(out, sink)));
    return sink.finish();
  }

  /** Decodes a checkpoint file; errors name the file and the offset. */
  public static Checkpoint read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return CheckpointDecoder.decode(in, Files.size(file), "checkpoint " + file);
    }
  }

  /** Reads only the header of a checkpoint file. */
  public static CheckpointHeader readHeader(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 12)) {
      return CheckpointDecoder.readHeader(in, "checkpoint " + file);
    }
  }

  /**
   * Reads a checkpoint file and checks it against its expected hash before decoding.
   *
   * @throws HashMismatchException naming the file, the expected and the actual hash
   * @throws io.proofmint.protocol.io.FormatException if the bytes hash right but do not decode
   */
  public static Checkpoint readVerified(Path file, Hash32 expected, CheckpointHasher hasher)
      throws IOException {
    if (Files.size(file) <= IN_MEMORY_LIMIT) {
      byte[] bytes = Files.readAllBytes(file);
      Hash32 actual = hasher.hash(bytes);
      if (!actual.equals(expected)) {
        throw new HashMismatchException("checkpoint", file, expected, actual);
      }
      try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
        return CheckpointDecoder.decode(in, bytes.length, "checkpoint " + file);
      }
    }
    // Larger files are hashed, then decoded in a second pass; the file must not change meanwhile.
    Hash32 actual = hasher.hash(file);
    if (!actual.equals(expected)) {
      throw new HashMismatchException("checkpoint", file, expected, actual);
    }
    return read(file);
  }

  /** Sends every byte to the file and to the hasher. */
  private static final class Tee extends FilterOutputStream {
    private final ChunkHashingOutputStream sink;

    Tee(OutputStream out, ChunkHashingOutputStream sink) {
      super(out);
      this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      sink.write(b);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
      out.write(data, offset, length);
      sink.write(data, offset, length);
    }
  }
}
