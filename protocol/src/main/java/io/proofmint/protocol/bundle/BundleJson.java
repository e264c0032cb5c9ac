package io.proofmint.protocol.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.Json;
import io.proofmint.protocol.io.JsonObject;
import java.util.List;
import java.util.Set;

/** The JSON form of {@link BundleHeader} and {@link BundleManifest} (protocol.md section 10.2). */
public final class BundleJson {

  /** Every field of a format-1 manifest; any other is refused (section 10.2). */
  static final Set<String> MANIFEST_FIELDS =
      Set.of(
          "formatVersion",
          "chainId",
          "registry",
          "taskId",
          "trainer",
          "specHash",
          "datasetRoot",
          "profile",
          "steps",
          "segmentLength",
          "segments",
          "checkpoints",
          "root",
          "finalCheckpoint",
          "recordsHash");

  private BundleJson() {}

  public static ObjectNode toJson(BundleManifest manifest) {
    ObjectNode json = Json.object();
    json.put("formatVersion", BundleManifest.FORMAT_VERSION);
    putHeader(json, manifest.header());
    json.put("segments", manifest.header().segments());
    ArrayNode checkpoints = json.putArray("checkpoints");
    manifest.checkpoints().forEach(hash -> checkpoints.add(hash.toHex()));
    json.put("root", manifest.root().toHex());
    json.put("finalCheckpoint", manifest.finalCheckpoint().toHex());
    json.put("recordsHash", manifest.recordsHash().toHex());
    return json;
  }

  /**
   * Reads a manifest and checks that its redundant fields agree: {@code segments == steps /
   * segmentLength}, {@code S + 1} checkpoints, {@code finalCheckpoint == C_S}.
   */
  public static BundleManifest fromJson(JsonObject json) throws FormatException {
    long version = json.integer("formatVersion", 1, Integer.MAX_VALUE);
    if (version != BundleManifest.FORMAT_VERSION) {
      throw json.error(
          "formatVersion", "expected %d, got %d".formatted(BundleManifest.FORMAT_VERSION, version));
    }
    json.onlyFields(MANIFEST_FIELDS);
    BundleHeader header = headerFromJson(json);
    long segments = json.integer("segments", 1, Integer.MAX_VALUE);
    if (segments != header.segments()) {
      throw json.error(
          "segments",
          "expected steps / segmentLength = %d, got %d".formatted(header.segments(), segments));
    }
    List<Hash32> checkpoints = json.hashes("checkpoints");
    if (checkpoints.size() != segments + 1) {
      throw json.error(
          "checkpoints",
          "expected S + 1 = %d hashes, got %d".formatted(segments + 1, checkpoints.size()));
    }
    Hash32 last = json.hash("finalCheckpoint");
    if (!last.equals(checkpoints.get(checkpoints.size() - 1))) {
      throw json.error(
          "finalCheckpoint",
          "expected the last checkpoint %s, got %s"
              .formatted(checkpoints.get(checkpoints.size() - 1), last));
    }
    return new BundleManifest(header, checkpoints, json.hash("root"), json.hash("recordsHash"));
  }

  static ObjectNode headerToJson(BundleHeader header) {
    ObjectNode json = Json.object();
    putHeader(json, header);
    return json;
  }

  static BundleHeader headerFromJson(JsonObject json) throws FormatException {
    TaskBinding binding =
        new TaskBinding(
            json.integer("chainId", 1, Long.MAX_VALUE),
            json.address("registry"),
            json.uint256("taskId"),
            json.address("trainer"));
    long steps = json.integer("steps", 1, Long.MAX_VALUE);
    int segmentLength = (int) json.integer("segmentLength", 1, Integer.MAX_VALUE);
    if (steps % segmentLength != 0 || steps / segmentLength > Integer.MAX_VALUE) {
      throw json.error(
          "steps",
          "expected a multiple of segmentLength %d with at most 2^31-1 segments, got %d"
              .formatted(segmentLength, steps));
    }
    return new BundleHeader(
        binding,
        json.hash("specHash"),
        json.hash("datasetRoot"),
        json.text("profile"),
        steps,
        segmentLength);
  }

  private static void putHeader(ObjectNode json, BundleHeader header) {
    TaskBinding binding = header.binding();
    json.put("chainId", binding.chainId());
    json.put("registry", binding.registry().toChecksumHex());
    json.put("taskId", binding.taskId().toString());
    json.put("trainer", binding.trainer().toChecksumHex());
    json.put("specHash", header.specHash().toHex());
    json.put("datasetRoot", header.datasetRoot().toHex());
    json.put("profile", header.profile());
    json.put("steps", header.steps());
    json.put("segmentLength", header.segmentLength());
  }
}
