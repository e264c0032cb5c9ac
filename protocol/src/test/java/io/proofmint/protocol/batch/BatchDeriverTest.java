package io.proofmint.protocol.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchDeriverTest {

  private static final Address REGISTRY =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private final Hash32 seed = TaskSeed.of(31337, REGISTRY, BigInteger.ONE, Keccak.hashUtf8("C0"));
  private final Hash32 datasetRoot = Keccak.hashUtf8("dataset");

  @Test
  void taskSeed_isKeccakOfAbiEncodedDomainChainRegistryTaskParent() {
    Hash32 parent = Keccak.hashUtf8("C0");
    assertThat(seed)
        .isEqualTo(
            AbiEncoder.create()
                .bytes32(Keccak.hashUtf8("proofmint.batch.v1"))
                .uint256(31337)
                .address(REGISTRY)
                .uint256(1)
                .bytes32(parent)
                .hash());
    assertThat(TaskSeed.of(31337, REGISTRY, BigInteger.TWO, parent)).isNotEqualTo(seed);
    assertThat(TaskSeed.of(31337, REGISTRY, BigInteger.ONE, Keccak.hashUtf8("C1")))
        .isNotEqualTo(seed);
  }

  @Test
  void indices_areCounterModeWordsModuloDatasetSize() {
    BatchDeriver deriver = BatchDeriver.of(seed, datasetRoot, 1000, 6);
    long[] indices = deriver.indices(9);
    byte[] block0 = AbiEncoder.create().bytes32(seed).uint256(9).uint256(0).hash().bytes();
    byte[] block1 = AbiEncoder.create().bytes32(seed).uint256(9).uint256(1).hash().bytes();
    ByteBuffer b0 = ByteBuffer.wrap(block0);
    ByteBuffer b1 = ByteBuffer.wrap(block1);
    long[] expected = {
      Long.remainderUnsigned(b0.getLong(0), 1000),
      Long.remainderUnsigned(b0.getLong(8), 1000),
      Long.remainderUnsigned(b0.getLong(16), 1000),
      Long.remainderUnsigned(b0.getLong(24), 1000),
      Long.remainderUnsigned(b1.getLong(0), 1000),
      Long.remainderUnsigned(b1.getLong(8), 1000)
    };
    assertThat(indices).containsExactly(expected);
  }

  @Test
  void batchHash_commitsToRootStepSizeAndIndices() {
    BatchDeriver deriver = BatchDeriver.of(seed, datasetRoot, 1000, 3);
    long[] indices = deriver.indices(4);
    ByteBuffer tail = ByteBuffer.allocate(24);
    Arrays.stream(indices).forEach(tail::putLong);
    Hash32 expected =
        Keccak.hash(
            AbiEncoder.create()
                .bytes32(Keccak.hashUtf8("proofmint.batchhash.v1"))
                .bytes32(datasetRoot)
                .uint256(4)
                .uint256(3)
                .toBytes(),
            tail.array());
    assertThat(deriver.batchHash(4)).isEqualTo(expected);
    long[] other = indices.clone();
    other[2] = (other[2] + 1) % 1000;
    assertThat(deriver.batchHash(4, other)).isNotEqualTo(expected);
    assertThat(BatchDeriver.of(seed, Keccak.hashUtf8("other"), 1000, 3).batchHash(4))
        .isNotEqualTo(expected);
  }

  @Test
  void indices_areDeterministicInRangeAndDifferPerStep() {
    BatchDeriver deriver = BatchDeriver.of(seed, datasetRoot, 7, 33);
    assertThat(deriver.indices(0)).isEqualTo(deriver.indices(0));
    assertThat(deriver.indices(0)).isNotEqualTo(deriver.indices(1));
    assertThat(Arrays.stream(deriver.indices(5)).boxed()).allMatch(i -> i >= 0 && i < 7);
  }

  @Test
  void indices_areRoughlyUniform() {
    BatchDeriver deriver = BatchDeriver.of(seed, datasetRoot, 10, 100);
    int[] counts = new int[10];
    for (int t = 0; t < 100; t++) {
      for (long i : deriver.indices(t)) {
        counts[(int) i]++;
      }
    }
    // 10,000 draws, 1,000 expected per index; 5 sigma is 150
    assertThat(Arrays.stream(counts).boxed()).allMatch(c -> c > 850 && c < 1150);
  }

  @Test
  void of_rejectsEmptyDatasetAndBadBatchSize() {
    assertThatThrownBy(() -> BatchDeriver.of(seed, datasetRoot, 0, 1))
        .hasMessage("totalExamples: expected >= 1, got 0");
    assertThatThrownBy(() -> BatchDeriver.of(seed, datasetRoot, 10, 0))
        .hasMessage("batchSize: expected 1..1048576, got 0");
  }
}
