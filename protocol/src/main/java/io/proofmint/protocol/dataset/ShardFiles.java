package io.proofmint.protocol.dataset;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.protocol.io.HashMismatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Examples files: atomic writes, and loads that check the committed hash first. */
public final class ShardFiles {

  private ShardFiles() {}

  /** Writes {@code shard} atomically and returns its hash. */
  public static Hash32 write(Path file, Examples shard) throws IOException {
    byte[] bytes = ShardCodec.encode(shard);
    AtomicFiles.write(file, bytes);
    return Keccak.hash(bytes);
  }

  /**
   * Loads a shard and checks it against its committed hash.
   *
   * @throws HashMismatchException naming the file, the expected and the actual hash
   * @throws io.proofmint.protocol.io.FormatException if the bytes hash right but do not decode
   */
  public static Examples load(Path file, Hash32 expected) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Hash32 actual = Keccak.hash(bytes);
    if (!actual.equals(expected)) {
      throw new HashMismatchException("shard", file, expected, actual);
    }
    return ShardCodec.decode(bytes, "shard " + file);
  }
}
