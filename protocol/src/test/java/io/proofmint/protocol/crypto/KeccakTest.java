package io.proofmint.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeccakTest {

  @Test
  void hash_ofEmptyInput_isEthereumKeccakNotSha3() {
    assertThat(Keccak.hash().toHex())
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void hash_ofAbc_matchesKnownDigest() {
    assertThat(Keccak.hashUtf8("abc").toHex())
        .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  }

  @Test
  void hash_ofParts_equalsHashOfConcatenation() {
    byte[] a = "proof".getBytes(StandardCharsets.UTF_8);
    byte[] b = "mint".getBytes(StandardCharsets.UTF_8);
    assertThat(Keccak.hash(a, b)).isEqualTo(Keccak.hashUtf8("proofmint"));
  }

  @Test
  void hasher_isReusableAfterFinish() {
    Keccak.Hasher hasher = Keccak.newHasher();
    Hash32 first = hasher.update("abc".getBytes(StandardCharsets.UTF_8)).finish();
    Hash32 second = hasher.update("abc".getBytes(StandardCharsets.UTF_8)).finish();
    assertThat(second).isEqualTo(first).isEqualTo(Keccak.hashUtf8("abc"));
  }

  @Test
  void digest_ofRange_hashesOnlyThatRange() {
    byte[] data = "xxabcxx".getBytes(StandardCharsets.UTF_8);
    assertThat(Hash32.of(Keccak.digest(data, 2, 3))).isEqualTo(Keccak.hashUtf8("abc"));
  }
}
