package io.proofmint.protocol.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SegmentRecordsTest {

  static List<StepRecord> records(int count) {
    return IntStream.range(0, count)
        .mapToObj(t -> StepRecord.of(t, Keccak.hashUtf8("batch" + t), 2.5f - 0.125f * t))
        .toList();
  }

  static List<Hash32> checkpoints(int count) {
    return IntStream.range(0, count).mapToObj(i -> Keccak.hashUtf8("ckpt" + i)).toList();
  }

  @Test
  void lossesHash_isKeccakOfBigEndianBits() {
    List<StepRecord> segment =
        List.of(
            new StepRecord(0, Hash32.ZERO, 0x3f800000), new StepRecord(1, Hash32.ZERO, 0x00000001));
    assertThat(SegmentRecords.lossesHash(segment))
        .isEqualTo(Keccak.hash(new byte[] {0x3f, (byte) 0x80, 0, 0, 0, 0, 0, 1}));
  }

  @Test
  void batchesHash_isKeccakOfConcatenatedBatchHashes() {
    List<StepRecord> segment = records(2);
    assertThat(SegmentRecords.batchesHash(segment))
        .isEqualTo(
            Keccak.hash(segment.get(0).batchHash().bytes(), segment.get(1).batchHash().bytes()));
  }

  @Test
  void stepRecord_keepsRawLossBits() {
    float nan = Float.intBitsToFloat(0x7fc00123);
    assertThat(StepRecord.of(0, Hash32.ZERO, nan).lossBits()).isEqualTo(0x7fc00123);
    assertThat(StepRecord.of(0, Hash32.ZERO, -0.0f).lossBits()).isEqualTo(0x80000000);
  }

  @Test
  void leaves_cutRecordsIntoSegmentsOfK() {
    List<SegmentLeaf> leaves = SegmentRecords.leaves(2, records(6), checkpoints(4));
    assertThat(leaves).hasSize(3);
    SegmentLeaf second = leaves.get(1);
    assertThat(second.index()).isEqualTo(1);
    assertThat(second.ckptStart()).isEqualTo(checkpoints(4).get(1));
    assertThat(second.ckptEnd()).isEqualTo(checkpoints(4).get(2));
    assertThat(second.batchesHash())
        .isEqualTo(SegmentRecords.batchesHash(records(6).subList(2, 4)));
    assertThat(second.lossesHash()).isEqualTo(SegmentRecords.lossesHash(records(6).subList(2, 4)));
  }

  @Test
  void leaves_rejectCountsThatDoNotFit() {
    assertThatThrownBy(() -> SegmentRecords.leaves(4, records(6), checkpoints(3)))
        .hasMessage("records: expected a positive multiple of k = 4, got 6");
    assertThatThrownBy(() -> SegmentRecords.leaves(2, records(6), checkpoints(3)))
        .hasMessage("checkpoints: expected S + 1 = 4, got 3");
  }

  @Test
  void leaves_rejectRecordsOutOfOrder() {
    List<StepRecord> swapped = new java.util.ArrayList<>(records(4));
    swapped.set(1, records(4).get(2));
    assertThatThrownBy(() -> SegmentRecords.leaves(2, swapped, checkpoints(3)))
        .hasMessage("record 1: expected step 1, got 2");
  }
}
