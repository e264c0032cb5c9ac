package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.crypto.Hash32;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One artifact: its kind and the hash it is addressed by. Its relative path, {@code <kind>/<64
 * lower-case hex digits>}, is the same in a store directory and in a URL; parsing accepts nothing
 * else, so a name can never escape its directory.
 */
public record ArtifactId(ArtifactKind kind, Hash32 hash) {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public ArtifactId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(hash, "hash");
  }

  public static ArtifactId of(ArtifactKind kind, Hash32 hash) {
    return new ArtifactId(kind, hash);
  }

  /**
   * Parses a kind name and a hash name as they appear in paths: the kind exactly {@code checkpoint}
   * or {@code blob}, the hash exactly 64 lower-case hex digits without {@code 0x}.
   */
  public static Optional<ArtifactId> parse(String kindName, String hexName) {
    Optional<ArtifactKind> kind = ArtifactKind.fromDirName(kindName);
    if (kind.isEmpty() || !isHexName(hexName)) {
      return Optional.empty();
    }
    return Optional.of(new ArtifactId(kind.get(), Hash32.fromHex(hexName)));
  }

  /** Whether {@code name} is exactly 64 lower-case hex digits. */
  public static boolean isHexName(String name) {
    return name != null && HEX.matcher(name).matches();
  }

  /** The hash as 64 lower-case hex digits, no {@code 0x}. */
  public String hexName() {
    return hash.toHex().substring(2);
  }

  /** {@code <kind>/<hex>}, e.g. {@code blob/00ff...}. */
  public String relativePath() {
    return kind.dirName() + "/" + hexName();
  }

  @Override
  public String toString() {
    return relativePath();
  }
}
