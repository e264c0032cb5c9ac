package io.proofmint.protocol.dataset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.Json;
import io.proofmint.protocol.io.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The dataset manifest JSON (protocol.md section 8.3). Reading recomputes the root and the total
 * and rejects a manifest whose stated values differ.
 */
public final class DatasetManifest {

  public static final String FORMAT = "proofmint.dataset.v1";

  private DatasetManifest() {}

  public static ObjectNode toJson(DatasetCommitment dataset) {
    ObjectNode root = Json.object();
    root.put("format", FORMAT);
    root.put("featureCount", dataset.featureCount());
    root.put("classCount", dataset.classCount());
    root.put("totalExamples", dataset.totalExamples());
    root.put("root", dataset.root().toHex());
    ArrayNode shards = root.putArray("shards");
    for (ShardEntry shard : dataset.shards()) {
      ObjectNode entry = shards.addObject();
      entry.put("file", shard.file());
      entry.put("hash", shard.hash().toHex());
      entry.put("examples", shard.exampleCount());
    }
    return root;
  }

  public static void write(Path file, DatasetCommitment dataset) throws IOException {
    Json.write(file, toJson(dataset));
  }

  public static DatasetCommitment read(Path file) throws IOException {
    return fromJson(Json.read(file));
  }

  public static DatasetCommitment fromJson(JsonObject json) throws FormatException {
    String format = json.text("format");
    if (!format.equals(FORMAT)) {
      throw json.error("format", "expected '%s', got '%s'".formatted(FORMAT, format));
    }
    int features = (int) json.integer("featureCount", 1, Integer.MAX_VALUE);
    int classes = (int) json.integer("classCount", 1, Integer.MAX_VALUE);
    List<JsonObject> entries = json.objects("shards");
    if (entries.isEmpty()) {
      throw json.error("shards", "expected at least 1 shard, got 0");
    }
    List<ShardEntry> shards = new ArrayList<>(entries.size());
    for (JsonObject entry : entries) {
      String name = entry.text("file");
      checkRelativeName(entry, name);
      shards.add(
          ShardEntry.of(
              name, entry.hash("hash"), (int) entry.integer("examples", 1, Integer.MAX_VALUE)));
    }
    DatasetCommitment dataset = DatasetCommitment.of(features, classes, shards);
    long total = json.integer("totalExamples", 1, Long.MAX_VALUE);
    if (total != dataset.totalExamples()) {
      throw json.error(
          "totalExamples",
          "expected the sum of shard examples %d, got %d"
              .formatted(dataset.totalExamples(), total));
    }
    Hash32 stated = json.hash("root");
    if (!stated.equals(dataset.root())) {
      throw json.error(
          "root", "expected the recomputed root %s, got %s".formatted(dataset.root(), stated));
    }
    return dataset;
  }

  private static void checkRelativeName(JsonObject entry, String name) throws FormatException {
    if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
      throw entry.error(
          "file",
          "expected a plain file name ([A-Za-z0-9._-], no leading dot), got '%s'".formatted(name));
    }
  }
}
