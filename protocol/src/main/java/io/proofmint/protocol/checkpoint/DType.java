package io.proofmint.protocol.checkpoint;

/** Element types of a checkpoint tensor, with their one-byte codes in the encoding. */
public enum DType {
  /** IEEE-754 binary32, stored little-endian with its raw bits. */
  FLOAT32(1, 4);

  private final int code;
  private final int size;

  DType(int code, int size) {
    this.code = code;
    this.size = size;
  }

  public int code() {
    return code;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** The dtype of {@code code}, or {@code null} if the code is unknown. */
  static DType fromCodeOrNull(int code) {
    for (DType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }
}
