package io.proofmint.protocol.bundle;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.TestCheckpoints;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;

/** A 4-segment task (N = 8, k = 2) with deterministic records and checkpoints. */
final class TestBundles {

  static final int K = 2;
  static final int S = 4;
  static final long FIRST_STEP = 100;

  static final BundleHeader HEADER =
      new BundleHeader(
          TaskBinding.of(
              31337,
              Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
              BigInteger.valueOf(12),
              Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")),
          TestCheckpoints.SPEC,
          Keccak.hashUtf8("dataset"),
          "cpu-f32-1thread",
          (long) K * S,
          K);

  private TestBundles() {}

  /** {@code C_i}: model step {@code FIRST_STEP + i * k}. */
  static Checkpoint checkpoint(int i) {
    return TestCheckpoints.small(FIRST_STEP + (long) i * K, i);
  }

  static List<StepRecord> segmentRecords(int segment) {
    return IntStream.range(segment * K, (segment + 1) * K)
        .mapToObj(t -> StepRecord.of(t, Keccak.hashUtf8("batch" + t), 1.0f / (t + 1)))
        .toList();
  }
}
