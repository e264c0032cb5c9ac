package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.HashMismatchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An {@link ArtifactStore} in a directory: artifact {@code (kind, hash)} is the file {@code
 * <root>/<kind>/<64 lower-case hex>} (protocol.md section 12.1). Bytes are first written to a
 * temporary file in the same directory (named with a leading dot, so never taken for an artifact),
 * hashed on the way, forced to disk, and then renamed to their address: a reader sees a complete
 * artifact or none, and a stored file always hashed to its name when it was stored.
 *
 * <p>With {@link ReadCheck#VERIFY}, {@link #path} and {@link #open} hash the file again before
 * handing it out, and a put replaces an existing file that no longer hashes to its name. With
 * {@link ReadCheck#TRUST} the store trusts its disk. Safe for concurrent use, also by several
 * processes: racing puts of the same artifact write the same bytes.
 */
public final class LocalArtifactStore implements ArtifactStore {

  /** Whether reads hash the stored file again. */
  public enum ReadCheck {
    TRUST,
    VERIFY
  }

  private static final String TEMP_PREFIX = ".incoming-";
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path root;
  private final ArtifactHasher hasher;
  private final ReadCheck readCheck;

  /** A store that trusts its disk and hashes checkpoints in the calling thread. */
  public LocalArtifactStore(Path root) {
    this(root, CheckpointHasher.sequential(), ReadCheck.TRUST);
  }

  public LocalArtifactStore(Path root, CheckpointHasher hasher, ReadCheck readCheck) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
    this.hasher = new ArtifactHasher(hasher);
    this.readCheck = Objects.requireNonNull(readCheck, "readCheck");
  }

  public Path root() {
    return root;
  }

  public ReadCheck readCheck() {
    return readCheck;
  }

  /** Where the artifact is, or would be: {@code <root>/<kind>/<hex>}. */
  public Path location(ArtifactKind kind, Hash32 hash) {
    ArtifactId id = ArtifactId.of(kind, hash);
    return root.resolve(kind.dirName()).resolve(id.hexName());
  }

  @Override
  public Hash32 put(ArtifactKind kind, Path source) throws IOException {
    try (InputStream in = Files.newInputStream(source)) {
      return put(kind, in);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Where {@code source} lies on the store's file system, the store takes a hard link to it
   * rather than a copy: publishing a bundle then costs one read and hash of each checkpoint, not a
   * second copy of every byte. The linked file is hashed and forced to disk like a copy would be.
   */
  @Override
  public void putExpected(ArtifactKind kind, Path source, Hash32 expected) throws IOException {
    Path existing = location(kind, expected);
    if (Files.isRegularFile(existing)
        && (readCheck == ReadCheck.TRUST || hasher.hash(kind, existing).equals(expected))) {
      return;
    }
    try (Staged staged = stageFile(kind, source)) {
      if (!staged.hash().equals(expected)) {
        throw new HashMismatchException(
            kind.dirName() + " artifact", source, expected, staged.hash());
      }
      staged.commit();
    }
  }

  @Override
  public Hash32 put(ArtifactKind kind, byte[] bytes) throws IOException {
    return put(kind, new ByteArrayInputStream(bytes));
  }

  @Override
  public Hash32 put(ArtifactKind kind, InputStream in) throws IOException {
    try (Staged staged = stage(kind, in)) {
      staged.commit();
      return staged.hash();
    }
  }

  @Override
  public boolean contains(ArtifactKind kind, Hash32 hash) {
    return Files.isRegularFile(location(kind, hash));
  }

  /**
   * The file of a stored artifact, or empty. With {@link ReadCheck#VERIFY} the file is hashed
   * first.
   *
   * @throws HashMismatchException if verifying and the file no longer hashes to its name
   */
  public Optional<Path> path(ArtifactKind kind, Hash32 hash) throws IOException {
    Path file = location(kind, hash);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (readCheck == ReadCheck.VERIFY) {
      Hash32 actual = hasher.hash(kind, file);
      if (!actual.equals(hash)) {
        throw new HashMismatchException(kind.dirName() + " artifact", file, hash, actual);
      }
    }
    return Optional.of(file);
  }

  @Override
  public Optional<InputStream> open(ArtifactKind kind, Hash32 hash) throws IOException {
    Optional<Path> file = path(kind, hash);
    return file.isEmpty() ? Optional.empty() : Optional.of(Files.newInputStream(file.get()));
  }

  /**
   * Copies {@code in} to a temporary file next to where the artifact will go, hashing it on the
   * way. The caller checks the hash, then commits or closes (which deletes the temporary file).
   */
  Staged stage(ArtifactKind kind, InputStream in) throws IOException {
    Path dir = root.resolve(kind.dirName());
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
    try {
      ArtifactHasher.Sink sink = hasher.newSink(kind);
      long size = 0;
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        byte[] buffer = new byte[BUFFER_BYTES];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          sink.write(buffer, 0, n);
          size += n;
        }
        out.flush();
        channel.force(true);
      }
      return new Staged(kind, tmp, sink.finish(), size);
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(tmp, e);
      throw e;
    }
  }

  /**
   * Stages {@code source} through a hard link in the store's directory, or through a copy where
   * linking fails (another file system, or one without hard links).
   */
  private Staged stageFile(ArtifactKind kind, Path source) throws IOException {
    Path dir = root.resolve(kind.dirName());
    Files.createDirectories(dir);
    Path link = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
    try {
      Files.createLink(link, source.toAbsolutePath());
    } catch (IOException | UnsupportedOperationException e) {
      if (!Files.isRegularFile(source)) {
        throw new NoSuchFileException(source.toString(), null, "expected a file to store");
      }
      try (InputStream in = Files.newInputStream(source)) {
        return stage(kind, in);
      }
    }
    try {
      Hash32 hash = hasher.hash(kind, link);
      try (FileChannel channel = FileChannel.open(link, StandardOpenOption.READ)) {
        channel.force(true);
      }
      return new Staged(kind, link, hash, Files.size(link));
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(link, e);
      throw e;
    }
  }

  private static void deleteAfterFailure(Path tmp, Exception failure) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Bytes written to a temporary file and hashed, not yet under their address. */
  final class Staged implements AutoCloseable {
    private final ArtifactKind kind;
    private final Path tmp;
    private final Hash32 hash;
    private final long size;
    private boolean moved;

    private Staged(ArtifactKind kind, Path tmp, Hash32 hash, long size) {
      this.kind = kind;
      this.tmp = tmp;
      this.hash = hash;
      this.size = size;
    }

    Hash32 hash() {
      return hash;
    }

    long size() {
      return size;
    }

    /**
     * Renames the temporary file to the artifact's address, unless an artifact with this hash is
     * already there (and, with {@link ReadCheck#VERIFY}, still hashes right): that one is kept.
     */
    Path commit() throws IOException {
      Path target = location(kind, hash);
      if (Files.isRegularFile(target)
          && (readCheck == ReadCheck.TRUST || hasher.hash(kind, target).equals(hash))) {
        return target;
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      return target;
    }

    /** Deletes the temporary file unless it was committed. */
    @Override
    public void close() throws IOException {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  @Override
  public String toString() {
    return "LocalArtifactStore[%s, %s]".formatted(root, readCheck);
  }
}
