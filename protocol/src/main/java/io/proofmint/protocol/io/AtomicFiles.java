package io.proofmint.protocol.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader sees either the old content or the complete new content, never a
 * half-written file: the bytes go to a temporary file in the same directory, are forced to disk,
 * and the temporary file is then renamed over the target.
 */
public final class AtomicFiles {

  /** Receives the stream of the temporary file; the stream is closed by {@link AtomicFiles}. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Streams content whose file name is only known once it is written (a content hash, say) and
   * returns the target path; the stream is closed by {@link AtomicFiles}.
   */
  @FunctionalInterface
  public interface NamingWriter {
    Path writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Atomic and unforced like {@link #writeUnforced}, for a content-addressed file: the writer
   * streams into a temporary file in {@code dir} and names the target, which must lie in {@code
   * dir}; the temporary file is then renamed over it. Nothing is buffered in memory.
   *
   * @return the target the writer named
   */
  public static Path writeUnforcedNamed(Path dir, NamingWriter writer) throws IOException {
    Path absoluteDir = dir.toAbsolutePath();
    Files.createDirectories(absoluteDir);
    Path tmp = Files.createTempFile(absoluteDir, ".named.", ".tmp");
    try {
      Path target;
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out =
              new java.io.BufferedOutputStream(
                  java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
        target = writer.writeTo(out).toAbsolutePath();
        out.flush();
      }
      if (!absoluteDir.equals(target.getParent())) {
        throw new IllegalArgumentException(
            "named target %s: expected a file in %s".formatted(target, absoluteDir));
      }
      move(tmp, target);
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static void write(Path target, byte[] content) throws IOException {
    write(target, out -> out.write(content));
  }

  public static void writeString(Path target, String content) throws IOException {
    write(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static void write(Path target, Writer writer) throws IOException {
    write(target, writer, true);
  }

  /**
   * Atomic like {@link #write(Path, byte[])}, but not forced to disk before the rename: a process
   * crash still leaves the old or the new content, while an operating-system crash may leave an
   * empty or short file. Only for files a reader verifies anyway (content-addressed checkpoints,
   * journals that resume re-checks), where a forced write would cost more than the check.
   */
  public static void writeUnforced(Path target, byte[] content) throws IOException {
    write(target, out -> out.write(content), false);
  }

  private static void write(Path target, Writer writer, boolean force) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out =
              new java.io.BufferedOutputStream(
                  java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
        writer.writeTo(out);
        out.flush();
        if (force) {
          channel.force(true);
        }
      }
      move(tmp, absolute);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Some file systems (e.g. certain network mounts) cannot rename atomically.
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
