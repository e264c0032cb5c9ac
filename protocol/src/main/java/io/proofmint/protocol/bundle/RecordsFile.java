package io.proofmint.protocol.bundle;

import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code records.csv} (protocol.md section 10.3): a header line {@code step,batchHash,lossBits},
 * then one line per step {@code t} in order, e.g. {@code 0,0x<64 hex>,0x3f800000}; lower-case hex,
 * {@code \n} line ends, a final newline. The reader accepts only this exact form.
 */
public final class RecordsFile {

  public static final String HEADER = "step,batchHash,lossBits";

  private static final Pattern LINE =
      Pattern.compile("(0|[1-9][0-9]{0,17}),(0x[0-9a-f]{64}),0x([0-9a-f]{8})");

  private RecordsFile() {}

  public static byte[] encode(List<StepRecord> records) {
    StringBuilder out = new StringBuilder(HEADER.length() + 1 + records.size() * 80);
    out.append(HEADER).append('\n');
    for (StepRecord record : records) {
      out.append(record.step())
          .append(',')
          .append(record.batchHash().toHex())
          .append(",0x")
          .append("%08x".formatted(record.lossBits()))
          .append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Parses records numbered {@code 0, 1, 2, ...}; errors name {@code source} and the line. */
  public static List<StepRecord> decode(byte[] bytes, String source) throws FormatException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!text.endsWith("\n")) {
      throw new FormatException("%s: expected a final newline, got none".formatted(source));
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (!lines[0].equals(HEADER)) {
      throw new FormatException(
          "%s line 1: expected header '%s', got '%s'".formatted(source, HEADER, lines[0]));
    }
    List<StepRecord> records = new ArrayList<>(lines.length - 1);
    for (int i = 1; i < lines.length; i++) {
      Matcher m = LINE.matcher(lines[i]);
      if (!m.matches()) {
        throw new FormatException(
            "%s line %d: expected 'step,0x<64 hex>,0x<8 hex>' in lower case, got '%s'"
                .formatted(source, i + 1, lines[i]));
      }
      long step = Long.parseLong(m.group(1));
      if (step != i - 1) {
        throw new FormatException(
            "%s line %d: expected step %d, got %d".formatted(source, i + 1, i - 1, step));
      }
      records.add(
          new StepRecord(
              step, Hash32.fromHex(m.group(2)), Integer.parseUnsignedInt(m.group(3), 16)));
    }
    return records;
  }
}
