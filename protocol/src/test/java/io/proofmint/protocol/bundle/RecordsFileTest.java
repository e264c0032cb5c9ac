package io.proofmint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsFileTest {

  private static final String H = "0x" + "ab".repeat(32);

  @Test
  void encode_writesCanonicalCsv() {
    List<StepRecord> records =
        List.of(
            new StepRecord(0, Hash32.fromHex(H), 0x3f800000),
            new StepRecord(1, Hash32.fromHex(H), 0xffc00000));
    assertThat(new String(RecordsFile.encode(records), StandardCharsets.UTF_8))
        .isEqualTo("step,batchHash,lossBits\n0," + H + ",0x3f800000\n1," + H + ",0xffc00000\n");
  }

  @Test
  void decode_roundTrips() throws FormatException {
    List<StepRecord> records =
        List.of(new StepRecord(0, Hash32.fromHex(H), -1), new StepRecord(1, Hash32.ZERO, 0));
    assertThat(RecordsFile.decode(RecordsFile.encode(records), "r")).isEqualTo(records);
  }

  @Test
  void decode_rejectsUpperCaseHexNamingLine() {
    String text =
        "step,batchHash,lossBits\n0," + H.toUpperCase().replace("0X", "0x") + ",0x3f800000\n";
    assertThatThrownBy(() -> RecordsFile.decode(text.getBytes(StandardCharsets.UTF_8), "r.csv"))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith("r.csv line 2: expected 'step,0x<64 hex>,0x<8 hex>' in lower case");
  }

  @Test
  void decode_rejectsStepsOutOfOrder() {
    String text = "step,batchHash,lossBits\n1," + H + ",0x3f800000\n";
    assertThatThrownBy(() -> RecordsFile.decode(text.getBytes(StandardCharsets.UTF_8), "r.csv"))
        .hasMessage("r.csv line 2: expected step 0, got 1");
  }

  @Test
  void decode_rejectsMissingFinalNewlineAndWrongHeader() {
    assertThatThrownBy(
            () ->
                RecordsFile.decode("step,batchHash,lossBits".getBytes(StandardCharsets.UTF_8), "r"))
        .hasMessage("r: expected a final newline, got none");
    assertThatThrownBy(
            () -> RecordsFile.decode("step,loss\n".getBytes(StandardCharsets.UTF_8), "r"))
        .hasMessage("r line 1: expected header 'step,batchHash,lossBits', got 'step,loss'");
  }
}
