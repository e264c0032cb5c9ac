package io.proofmint.protocol.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointEncoder;
import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.CheckpointHeader;
import io.proofmint.protocol.checkpoint.ChunkHashingOutputStream;
import io.proofmint.protocol.commit.SegmentTree;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.protocol.io.Json;
import io.proofmint.protocol.io.JsonObject;
import io.proofmint.protocol.io.TeeOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a proof bundle segment by segment (protocol.md section 10.5). Every file is written
 * atomically; checkpoints are content-addressed and kept when already present with the right hash;
 * each completed segment is journaled under {@code progress/}, so {@link #open} on a partial bundle
 * continues after the last complete segment. {@code manifest.json} is written last: a directory
 * without it is not a bundle yet. Not thread-safe.
 */
public final class BundleWriter {

  private final Path dir;
  private final BundleHeader header;
  private final CheckpointHasher hasher;
  private final List<Hash32> checkpoints = new ArrayList<>(); // C_0 .. C_d
  private final List<StepRecord> records = new ArrayList<>(); // steps 0 .. d*k - 1
  private long lastStep = -1; // model step counter of C_d
  private BundleManifest manifest; // set once finished

  private BundleWriter(Path dir, BundleHeader header, CheckpointHasher hasher) {
    this.dir = dir;
    this.header = header;
    this.hasher = hasher;
  }

  /**
   * Opens {@code dir} for {@code header}: empty, partially written (resumed after the last segment
   * whose journal and end checkpoint are intact), or complete.
   *
   * @throws IOException if the directory holds a bundle or progress of another header
   */
  public static BundleWriter open(Path dir, BundleHeader header, CheckpointHasher hasher)
      throws IOException {
    BundleWriter writer = new BundleWriter(dir, header, hasher);
    Files.createDirectories(dir);
    Path manifestFile = BundleLayout.manifest(dir);
    if (Files.exists(manifestFile)) {
      BundleManifest existing = BundleJson.fromJson(Json.read(manifestFile));
      writer.checkSameHeader(manifestFile, existing.header());
      writer.manifest = existing;
      writer.checkpoints.addAll(existing.checkpoints());
      return writer;
    }
    writer.resume();
    return writer;
  }

  /** Segments completed so far. */
  public int segmentsDone() {
    return Math.max(0, checkpoints.size() - 1);
  }

  public boolean isStarted() {
    return !checkpoints.isEmpty();
  }

  public boolean isFinished() {
    return manifest != null;
  }

  /** The checkpoint hash to continue from: {@code C_d} after {@code d} segments. */
  public Hash32 lastCheckpoint() {
    if (checkpoints.isEmpty()) {
      throw new IllegalStateException("bundle %s: not started".formatted(dir));
    }
    return checkpoints.get(checkpoints.size() - 1);
  }

  /** The records written so far, steps {@code 0 .. d*k - 1}. */
  public List<StepRecord> records() {
    return List.copyOf(records);
  }

  public Path checkpointPath(Hash32 hash) {
    return BundleLayout.checkpoint(dir, hash);
  }

  /**
   * Records the parent checkpoint {@code C_0}. On a resumed bundle it must be the same checkpoint.
   */
  public Hash32 start(Checkpoint parent) throws IOException {
    checkSpec(parent);
    if (isStarted()) {
      Hash32 hash = hasher.hash(parent);
      if (!hash.equals(checkpoints.get(0))) {
        throw new IllegalStateException(
            "bundle %s: expected parent checkpoint %s, got %s"
                .formatted(dir, checkpoints.get(0), hash));
      }
      return hash;
    }
    Hash32 hash = putCheckpoint(parent);
    ObjectNode json = BundleJson.headerToJson(header);
    json.put("checkpoint0", hash.toHex());
    Json.write(BundleLayout.progressHeader(dir), json);
    checkpoints.add(hash);
    lastStep = parent.step();
    return hash;
  }

  /**
   * Completes the next segment: its {@code k} step records and the checkpoint it ends at. The end
   * checkpoint is written first, then the journal entry.
   */
  public Hash32 completeSegment(List<StepRecord> segmentRecords, Checkpoint end)
      throws IOException {
    return completeSegment(segmentRecords, end, null);
  }

  /**
   * Like {@link #completeSegment(List, Checkpoint)} for a caller that has already hashed {@code
   * end} with this writer's hashing scheme ({@link CheckpointHasher#hash(Checkpoint,
   * io.proofmint.protocol.checkpoint.ParallelLoop)}, say, on its own threads): the file is written
   * under {@code endHash} without hashing it again. A wrong hash is caught when the bundle is
   * resumed or validated, both of which re-hash every checkpoint file.
   *
   * @param endHash the hash of {@code end}, or null to have it computed here
   */
  public Hash32 completeSegment(List<StepRecord> segmentRecords, Checkpoint end, Hash32 endHash)
      throws IOException {
    if (!isStarted() || isFinished()) {
      throw new IllegalStateException(
          "bundle %s: expected a started, unfinished bundle, got %s"
              .formatted(dir, isFinished() ? "a finished one" : "no parent checkpoint"));
    }
    int segment = segmentsDone();
    if (segment == header.segments()) {
      throw new IllegalStateException(
          "bundle %s: all %d segments are complete".formatted(dir, segment));
    }
    checkRecords(segment, segmentRecords);
    checkSpec(end);
    if (end.step() != lastStep + header.segmentLength()) {
      throw new IllegalArgumentException(
          "segment %d: expected end checkpoint at model step %d, got %d"
              .formatted(segment, lastStep + header.segmentLength(), end.step()));
    }
    Hash32 hash = putCheckpoint(end, endHash);
    SegmentProgress progress = new SegmentProgress(segment, hash, segmentRecords);
    // Unforced: resume re-checks every journal entry and the hash of its end checkpoint.
    AtomicFiles.writeUnforced(
        BundleLayout.progressSegment(dir, segment), Json.toBytes(progress.toJson()));
    checkpoints.add(hash);
    records.addAll(segmentRecords);
    lastStep = end.step();
    return hash;
  }

  /**
   * Writes {@code records.csv} and then {@code manifest.json}, and removes the journal.
   *
   * @return the manifest, whose root the trainer commits
   */
  public BundleManifest finish() throws IOException {
    if (isFinished()) {
      return manifest;
    }
    if (segmentsDone() != header.segments()) {
      throw new IllegalStateException(
          "bundle %s: expected %d complete segments, got %d"
              .formatted(dir, header.segments(), segmentsDone()));
    }
    SegmentTree tree =
        SegmentTree.fromRecords(header.binding(), header.segmentLength(), records, checkpoints);
    byte[] recordsBytes = RecordsFile.encode(records);
    AtomicFiles.write(BundleLayout.records(dir), recordsBytes);
    BundleManifest done =
        new BundleManifest(header, checkpoints, tree.root(), Keccak.hash(recordsBytes));
    Json.write(BundleLayout.manifest(dir), BundleJson.toJson(done));
    deleteProgress();
    manifest = done;
    return done;
  }

  /** Writes a checkpoint under its hash (replacing a file of that name: same name, same bytes). */
  public Hash32 putCheckpoint(Checkpoint checkpoint) throws IOException {
    return putCheckpoint(checkpoint, null);
  }

  /**
   * Writes a checkpoint under {@code known}, a hash the caller computed from the same checkpoint,
   * or (null) under the hash computed here as the bytes stream into the file.
   */
  private Hash32 putCheckpoint(Checkpoint checkpoint, Hash32 known) throws IOException {
    // Encode once, streaming the bytes into the file (and the hasher) together: the file is exactly
    // what was hashed, and no array of the whole checkpoint is allocated (the worker does this
    // every k steps beside training, so every copy counts).
    Hash32[] hash = {known};
    AtomicFiles.writeUnforcedNamed(
        BundleLayout.checkpointDir(dir),
        out -> {
          if (known != null) {
            CheckpointEncoder.encode(checkpoint, out);
          } else {
            ChunkHashingOutputStream sink = hasher.newSink();
            CheckpointEncoder.encode(checkpoint, new TeeOutputStream(out, sink));
            hash[0] = sink.finish();
          }
          return BundleLayout.checkpoint(dir, hash[0]);
        });
    return hash[0];
  }

  private void resume() throws IOException {
    Path headerFile = BundleLayout.progressHeader(dir);
    if (!Files.exists(headerFile)) {
      deleteProgress();
      return;
    }
    JsonObject json = Json.read(headerFile);
    checkSameHeader(headerFile, BundleJson.headerFromJson(json));
    Hash32 parent = json.hash("checkpoint0");
    Long parentStep = intactStep(parent);
    if (parentStep == null) {
      deleteProgress();
      return;
    }
    checkpoints.add(parent);
    lastStep = parentStep;
    for (int segment = 0; segment < header.segments(); segment++) {
      Path file = BundleLayout.progressSegment(dir, segment);
      if (!Files.exists(file) || !resumeSegment(segment, file)) {
        deleteSegmentsFrom(segment);
        return;
      }
    }
  }

  /** Takes a journaled segment if its entry parses and its end checkpoint is intact. */
  private boolean resumeSegment(int segment, Path file) throws IOException {
    SegmentProgress progress;
    try {
      progress = SegmentProgress.fromJson(Json.read(file));
      checkRecords(segment, progress.records());
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
    Long step = intactStep(progress.checkpointEnd());
    if (progress.segment() != segment
        || step == null
        || step != lastStep + header.segmentLength()) {
      return false;
    }
    checkpoints.add(progress.checkpointEnd());
    records.addAll(progress.records());
    lastStep = step;
    return true;
  }

  /** The model step of a checkpoint file with the right hash and spec, or null. */
  private Long intactStep(Hash32 hash) throws IOException {
    Path file = BundleLayout.checkpoint(dir, hash);
    if (!Files.exists(file) || !hasher.hash(file).equals(hash)) {
      return null;
    }
    try {
      CheckpointHeader ckpt = CheckpointFiles.readHeader(file);
      return ckpt.specHash().equals(header.specHash()) ? ckpt.step() : null;
    } catch (io.proofmint.protocol.io.FormatException e) {
      return null;
    }
  }

  private void checkSameHeader(Path file, BundleHeader found) throws IOException {
    if (!found.equals(header)) {
      throw new IOException(
          "bundle %s: expected %s for header %s, got %s".formatted(dir, file, header, found));
    }
  }

  private void checkRecords(int segment, List<StepRecord> segmentRecords) {
    int k = header.segmentLength();
    if (segmentRecords.size() != k) {
      throw new IllegalArgumentException(
          "segment %d: expected %d records, got %d".formatted(segment, k, segmentRecords.size()));
    }
    for (int j = 0; j < k; j++) {
      long expected = (long) segment * k + j;
      if (segmentRecords.get(j).step() != expected) {
        throw new IllegalArgumentException(
            "segment %d record %d: expected step %d, got %d"
                .formatted(segment, j, expected, segmentRecords.get(j).step()));
      }
    }
  }

  private void checkSpec(Checkpoint checkpoint) {
    if (!checkpoint.specHash().equals(header.specHash())) {
      throw new IllegalArgumentException(
          "checkpoint: expected spec hash %s, got %s"
              .formatted(header.specHash(), checkpoint.specHash()));
    }
  }

  private void deleteSegmentsFrom(int segment) throws IOException {
    for (int i = segment; i < header.segments(); i++) {
      Files.deleteIfExists(BundleLayout.progressSegment(dir, i));
    }
  }

  private void deleteProgress() throws IOException {
    Path progress = BundleLayout.progress(dir);
    if (!Files.exists(progress)) {
      return;
    }
    try (Stream<Path> files = Files.walk(progress)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
