package io.proofmint.protocol.bundle;

import io.proofmint.protocol.bundle.BundleValidation.Reason;
import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.CheckpointHeader;
import io.proofmint.protocol.commit.SegmentTree;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Reads and validates a proof bundle (protocol.md section 10.6): the manifest, the records file
 * against its hash, the checkpoint files against their names, their headers against the spec and
 * each other, and the root recomputed from records and checkpoint hashes. The first problem found
 * is returned as a value; only unexpected I/O failures are thrown.
 */
public final class BundleReader {

  private final CheckpointHasher hasher;

  public BundleReader(CheckpointHasher hasher) {
    this.hasher = hasher;
  }

  /** Validates everything, every checkpoint file included. */
  public BundleValidation validate(Path dir) throws IOException {
    return validate(dir, null);
  }

  /**
   * Validates the manifest, records and root, but only the checkpoint files a verifier needs for
   * {@code segments}: {@code C_i} and {@code C_{i+1}} of each.
   */
  public BundleValidation validateSegments(Path dir, Set<Integer> segments) throws IOException {
    return validate(dir, Set.copyOf(segments));
  }

  private BundleValidation validate(Path dir, Set<Integer> segments) throws IOException {
    Path manifestFile = BundleLayout.manifest(dir);
    if (!Files.isRegularFile(manifestFile)) {
      return BundleValidation.invalid(
          Reason.MANIFEST_MISSING, manifestFile, "expected a manifest file, got none");
    }
    BundleManifest manifest;
    try {
      manifest = BundleJson.fromJson(Json.read(manifestFile));
    } catch (FormatException e) {
      return BundleValidation.invalid(Reason.MANIFEST_MALFORMED, manifestFile, e.getMessage());
    }
    BundleHeader header = manifest.header();

    Path recordsFile = BundleLayout.records(dir);
    if (!Files.isRegularFile(recordsFile)) {
      return BundleValidation.invalid(
          Reason.RECORDS_MISSING, recordsFile, "expected a records file, got none");
    }
    byte[] recordsBytes = Files.readAllBytes(recordsFile);
    Hash32 recordsHash = Keccak.hash(recordsBytes);
    if (!recordsHash.equals(manifest.recordsHash())) {
      return BundleValidation.invalid(
          Reason.RECORDS_HASH_MISMATCH,
          recordsFile,
          "expected hash %s, got %s".formatted(manifest.recordsHash(), recordsHash));
    }
    List<StepRecord> records;
    try {
      records = RecordsFile.decode(recordsBytes, recordsFile.toString());
    } catch (FormatException e) {
      return BundleValidation.invalid(Reason.RECORDS_MALFORMED, recordsFile, e.getMessage());
    }
    if (records.size() != header.steps()) {
      return BundleValidation.invalid(
          Reason.RECORDS_MALFORMED,
          recordsFile,
          "expected %d records, got %d".formatted(header.steps(), records.size()));
    }

    BundleValidation checkpoints = validateCheckpoints(dir, manifest, segments);
    if (checkpoints != null) {
      return checkpoints;
    }

    SegmentTree tree =
        SegmentTree.fromRecords(
            header.binding(), header.segmentLength(), records, manifest.checkpoints());
    if (!tree.root().equals(manifest.root())) {
      return BundleValidation.invalid(
          Reason.ROOT_MISMATCH,
          manifestFile,
          "expected root %s from records and checkpoints, got %s"
              .formatted(tree.root(), manifest.root()));
    }
    return BundleValidation.valid(new ProofBundle(dir, manifest, records, tree));
  }

  /** Null when every selected checkpoint is intact. */
  private BundleValidation validateCheckpoints(
      Path dir, BundleManifest manifest, Set<Integer> segments) throws IOException {
    BundleHeader header = manifest.header();
    Set<Integer> indices = new TreeSet<>();
    if (segments == null) {
      IntStream.rangeClosed(0, header.segments()).forEach(indices::add);
    } else {
      for (int segment : segments) {
        if (segment < 0 || segment >= header.segments()) {
          throw new IllegalArgumentException(
              "segment %d: expected 0 <= segment < %d".formatted(segment, header.segments()));
        }
        indices.add(segment);
        indices.add(segment + 1);
      }
    }
    Long previousStep = null;
    int previousIndex = -2;
    for (int index : indices) {
      Hash32 expected = manifest.checkpoints().get(index);
      Path file = BundleLayout.checkpoint(dir, expected);
      if (!Files.isRegularFile(file)) {
        return BundleValidation.invalid(
            Reason.CHECKPOINT_MISSING,
            file,
            "checkpoint C_%d: expected a file with hash %s, got none".formatted(index, expected));
      }
      Hash32 actual = hasher.hash(file);
      if (!actual.equals(expected)) {
        return BundleValidation.invalid(
            Reason.CHECKPOINT_HASH_MISMATCH,
            file,
            "checkpoint C_%d: expected hash %s, got %s".formatted(index, expected, actual));
      }
      CheckpointHeader ckpt;
      try {
        ckpt = CheckpointFiles.readHeader(file);
      } catch (FormatException e) {
        return BundleValidation.invalid(Reason.CHECKPOINT_MALFORMED, file, e.getMessage());
      }
      long size = Files.size(file);
      if (size != ckpt.encodedLength()) {
        return BundleValidation.invalid(
            Reason.CHECKPOINT_MALFORMED,
            file,
            "checkpoint C_%d: expected %d bytes from its header, got %d"
                .formatted(index, ckpt.encodedLength(), size));
      }
      if (!ckpt.specHash().equals(header.specHash())) {
        return BundleValidation.invalid(
            Reason.CHECKPOINT_SPEC_MISMATCH,
            file,
            "checkpoint C_%d: expected spec hash %s, got %s"
                .formatted(index, header.specHash(), ckpt.specHash()));
      }
      if (previousIndex == index - 1 && ckpt.step() != previousStep + header.segmentLength()) {
        return BundleValidation.invalid(
            Reason.CHECKPOINT_STEP_MISMATCH,
            file,
            "checkpoint C_%d: expected model step %d (C_%d + k), got %d"
                .formatted(
                    index, previousStep + header.segmentLength(), previousIndex, ckpt.step()));
      }
      previousIndex = index;
      previousStep = ckpt.step();
    }
    return null;
  }
}
