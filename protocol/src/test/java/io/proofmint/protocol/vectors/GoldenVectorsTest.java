package io.proofmint.protocol.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.checkpoint.CheckpointEncoder;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.ChunkHash;
import io.proofmint.protocol.checkpoint.ChunkProof;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.protocol.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the protocol's example vectors. The constants below were cross-checked with Foundry's {@code
 * cast} (keccak, abi-encode), independently of this code; docs/protocol-vectors.json must equal
 * what the code computes. To regenerate the file after a deliberate protocol change: {@code ./mvnw
 * -pl protocol test -Dproofmint.vectors.write=true}.
 */
class GoldenVectorsTest {

  private static final Path FILE = Path.of("..", "docs", "protocol-vectors.json");

  @Test
  void leafHash_isPinned() {
    assertThat(ProtocolVectors.tree().leafHash(0).toHex()).isEqualTo(LEAF_0);
  }

  @Test
  void fiveSegmentRoot_isPinned() {
    assertThat(ProtocolVectors.tree().root().toHex()).isEqualTo(ROOT);
  }

  @Test
  void proofOfSegmentThree_isPinned() {
    assertThat(ProtocolVectors.tree().proof(ProtocolVectors.PROVEN_SEGMENT))
        .extracting(Object::toString)
        .containsExactly(PROOF_3);
  }

  @Test
  void seedAndSampledSegments_arePinned() {
    assertThat(ProtocolVectors.seed().toHex()).isEqualTo(SEED);
    assertThat(ProtocolVectors.sampled()).containsExactly(SAMPLED);
  }

  @Test
  void eip712DomainSeparatorAndDigests_arePinned() {
    assertThat(ProtocolVectors.domain().separator().toHex()).isEqualTo(DOMAIN_SEPARATOR);
    assertThat(ProtocolVectors.validAttestation().digest(ProtocolVectors.domain()).toHex())
        .isEqualTo(VALID_DIGEST);
    assertThat(ProtocolVectors.fraudAttestation().digest(ProtocolVectors.domain()).toHex())
        .isEqualTo(FRAUD_DIGEST);
    assertThat(ProtocolVectors.unavailableAttestation().digest(ProtocolVectors.domain()).toHex())
        .isEqualTo(UNAVAILABLE_DIGEST);
  }

  @Test
  void listedChunkProofs_verifyAndAChangedChunkDoesNot() {
    CheckpointHasher hasher = CheckpointHasher.sequential();
    byte[] encoded = CheckpointEncoder.encode(ProtocolVectors.threeChunkCheckpoint());
    Hash32 hash = hasher.hash(encoded);
    for (long index : ProtocolVectors.PROVEN_CHUNKS) {
      ChunkProof proof = hasher.proveChunk(encoded, index);
      byte[] chunk = CheckpointHasher.chunk(encoded, index);
      assertThat(ChunkHash.verifyChunk(hash, proof, chunk).isValid()).isTrue();
      chunk[0] ^= 1;
      assertThat(ChunkHash.verifyChunk(hash, proof, chunk).isValid()).isFalse();
    }
  }

  @Test
  void vectorsFile_matchesTheCode() throws IOException {
    String expected = Json.toText(ProtocolVectors.toJson());
    if (Boolean.getBoolean("proofmint.vectors.write")) {
      AtomicFiles.writeString(FILE, expected);
    }
    assertThat(FILE).exists();
    assertThat(Files.readString(FILE)).isEqualTo(expected);
  }

  // Pinned values (see the class comment for how they were checked).
  private static final String LEAF_0 =
      "0x7aec2621529f71504a487432d3161470fb319e58010ebf9cd3492be5d0192bb7";
  private static final String ROOT =
      "0xc78bab699d1ded9026159a625d716b93e2fdc862124f6b7d59651b394c68a08f";
  private static final String[] PROOF_3 = {
    "0x3fd3b47caf7199a235378202035a0c44c20bd00f47a4a149c0a8323ab0e03440",
    "0xb5f8df6f05e8ce58747aafbcd684baf290c57c6e9b1b9fa0b8a0801826fd1b5e",
    "0xb317aa17e3a42de4823d5bacb0b5c8cab7133bef98b413aa7d1bb4846d3f4bfa"
  };
  private static final String SEED =
      "0xceb107f74df4e27ccb1a89b46cac15bf4a725b68b6197fcd29a1324620f65c8e";
  private static final long[] SAMPLED = {3, 1, 1, 0};
  private static final String DOMAIN_SEPARATOR =
      "0xfe73b024e7e71643f3e4e00011d6307f1baed817a0bc9b90c8321af0b86b23f6";
  private static final String VALID_DIGEST =
      "0x3d956a83ba213784153cdf27ceeb4dfafa3b62d048ba6b8fb4cc326fb5d13a35";
  private static final String FRAUD_DIGEST =
      "0x0de4723b44e6fef81cf1980337f2e2f378c0b8a035f206fa3e3c30d627565f4b";
  private static final String UNAVAILABLE_DIGEST =
      "0x18f3aea6377b749e8f765f09bb47e7cb1748af52883ee663d6519bbf9d00ee40";
}
