package io.proofmint.protocol.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.Json;
import io.proofmint.protocol.io.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** One completed segment as the writer journals it in {@code progress/segment-<i>.json}. */
record SegmentProgress(int segment, Hash32 checkpointEnd, List<StepRecord> records) {

  SegmentProgress {
    records = List.copyOf(records);
  }

  ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("segment", segment);
    json.put("checkpointEnd", checkpointEnd.toHex());
    ArrayNode array = json.putArray("records");
    for (StepRecord record : records) {
      ObjectNode item = array.addObject();
      item.put("step", record.step());
      item.put("batchHash", record.batchHash().toHex());
      item.put("lossBits", "0x%08x".formatted(record.lossBits()));
    }
    return json;
  }

  static SegmentProgress fromJson(JsonObject json) throws FormatException {
    int segment = (int) json.integer("segment", 0, Integer.MAX_VALUE);
    Hash32 end = json.hash("checkpointEnd");
    List<StepRecord> records = new ArrayList<>();
    for (JsonObject item : json.objects("records")) {
      String bits = item.text("lossBits");
      if (!bits.matches("0x[0-9a-f]{8}")) {
        throw item.error(
            "lossBits", "expected 0x + 8 lower-case hex digits, got '%s'".formatted(bits));
      }
      records.add(
          new StepRecord(
              item.integer("step", 0, Long.MAX_VALUE),
              item.hash("batchHash"),
              Integer.parseUnsignedInt(bits.substring(2), 16)));
    }
    return new SegmentProgress(segment, end, records);
  }
}
