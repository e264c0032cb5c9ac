package io.proofmint.protocol.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum uses it (the original Keccak padding, not SHA3-256). */
public final class Keccak {

  private Keccak() {}

  /** keccak-256 of the concatenation of {@code parts}. */
  public static Hash32 hash(byte[]... parts) {
    KeccakDigest digest = new KeccakDigest(256);
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[Hash32.SIZE];
    digest.doFinal(out, 0);
    return new Hash32(out);
  }

  /** keccak-256 of a UTF-8 string, e.g. a domain tag or an EIP-712 type string. */
  public static Hash32 hashUtf8(String text) {
    return hash(text.getBytes(StandardCharsets.UTF_8));
  }

  /** keccak-256 as a raw 32-byte array. */
  public static byte[] digest(byte[] data) {
    return digest(data, 0, data.length);
  }

  /** keccak-256 of {@code data[offset .. offset+length)} as a raw 32-byte array. */
  public static byte[] digest(byte[] data, int offset, int length) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, offset, length);
    byte[] out = new byte[Hash32.SIZE];
    digest.doFinal(out, 0);
    return out;
  }

  /** An incremental keccak-256 hasher; one per thread. */
  public static Hasher newHasher() {
    return new Hasher();
  }

  /** Incremental keccak-256. Not thread-safe; reusable after {@link #finish()}. */
  public static final class Hasher {
    private final KeccakDigest digest = new KeccakDigest(256);

    private Hasher() {}

    public Hasher update(byte value) {
      digest.update(value);
      return this;
    }

    public Hasher update(byte[] data) {
      digest.update(data, 0, data.length);
      return this;
    }

    public Hasher update(byte[] data, int offset, int length) {
      digest.update(data, offset, length);
      return this;
    }

    public Hasher update(Hash32 value) {
      return update(value.bytes());
    }

    /** Returns the digest and resets the hasher. */
    public Hash32 finish() {
      byte[] out = new byte[Hash32.SIZE];
      digest.doFinal(out, 0);
      return new Hash32(out);
    }
  }
}
