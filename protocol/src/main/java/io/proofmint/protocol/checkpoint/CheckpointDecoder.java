package io.proofmint.protocol.checkpoint;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.LittleEndianReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the canonical checkpoint encoding and accepts nothing else: a decoded checkpoint encodes
 * back to the very same bytes. Errors name the source, the offset, the field and the tensor.
 */
public final class CheckpointDecoder {

  private CheckpointDecoder() {}

  public static Checkpoint decode(byte[] encoded) throws FormatException {
    try {
      return decode(new ByteArrayInputStream(encoded), encoded.length, "checkpoint");
    } catch (FormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream failed", e);
    }
  }

  /**
   * Decodes a whole checkpoint of {@code length} bytes from {@code in}. The header's sizes are
   * checked against {@code length} before any tensor is allocated, so corrupted sizes cannot make
   * the decoder allocate more than the input holds.
   */
  public static Checkpoint decode(InputStream in, long length, String source) throws IOException {
    LittleEndianReader reader = new LittleEndianReader(in, source);
    CheckpointHeader header = readHeader(reader);
    checkLength(reader, header, length);
    List<Tensor> tensors = new ArrayList<>(header.tensors().size());
    for (TensorSpec spec : header.tensors()) {
      float[] data = new float[spec.elementCount()];
      reader.readFloats(data, "data of tensor '%s'".formatted(spec.name()));
      tensors.add(Tensor.wrap(spec.name(), spec.shape(), data));
    }
    reader.expectEnd();
    return new Checkpoint(header.step(), header.specHash(), tensors);
  }

  private static void checkLength(LittleEndianReader reader, CheckpointHeader header, long length)
      throws FormatException {
    long expected = header.encodedLength();
    if (length > expected) {
      throw reader.error(
          expected, "expected end of data, got %d more bytes".formatted(length - expected));
    }
    long end = header.headerLength();
    for (TensorSpec spec : header.tensors()) {
      end += spec.byteLength();
      if (length < end) {
        throw reader.error(
            length,
            "truncated in data of tensor '%s': expected %d bytes in all, got %d"
                .formatted(spec.name(), expected, length));
      }
    }
  }

  /** Reads only the header, leaving {@code in} at the first data byte. */
  public static CheckpointHeader readHeader(InputStream in, String source) throws IOException {
    return readHeader(new LittleEndianReader(in, source));
  }

  private static CheckpointHeader readHeader(LittleEndianReader reader) throws IOException {
    byte[] magic = reader.readBytes(CheckpointFormat.MAGIC.length, "magic");
    if (!Arrays.equals(magic, CheckpointFormat.MAGIC)) {
      throw reader.error(
          0, "expected magic %s, got %s".formatted(hex(CheckpointFormat.MAGIC), hex(magic)));
    }
    long version = reader.readU32("format version");
    if (version != CheckpointFormat.VERSION) {
      throw reader.error(
          4, "expected format version %d, got %d".formatted(CheckpointFormat.VERSION, version));
    }
    Hash32 specHash = Hash32.of(reader.readBytes(Hash32.SIZE, "spec hash"));
    long stepOffset = reader.offset();
    long step = reader.readU64("step");
    if (step < 0) {
      throw reader.error(
          stepOffset, "expected step < 2^63, got %s".formatted(Long.toUnsignedString(step)));
    }
    long countOffset = reader.offset();
    long count = reader.readU32("tensor count");
    if (count > CheckpointFormat.MAX_TENSORS) {
      throw reader.error(
          countOffset,
          "expected at most %d tensors, got %d".formatted(CheckpointFormat.MAX_TENSORS, count));
    }
    List<TensorSpec> specs = new ArrayList<>((int) count);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < count; i++) {
      specs.add(readSpec(reader, i, names));
    }
    return new CheckpointHeader(step, specHash, specs);
  }

  private static TensorSpec readSpec(LittleEndianReader reader, int index, Set<String> names)
      throws IOException {
    String tensor = "tensor %d".formatted(index);
    long nameOffset = reader.offset();
    int nameLength = reader.readU16(tensor + " name length");
    if (nameLength < 1 || nameLength > CheckpointFormat.MAX_NAME_BYTES) {
      throw reader.error(
          nameOffset,
          "%s: expected a name of 1..%d bytes, got %d"
              .formatted(tensor, CheckpointFormat.MAX_NAME_BYTES, nameLength));
    }
    byte[] nameBytes = reader.readBytes(nameLength, tensor + " name");
    String name = utf8(reader, nameOffset + 2, nameBytes, tensor);
    if (!names.add(name)) {
      throw reader.error(
          nameOffset, "%s: expected a unique name, got '%s' again".formatted(tensor, name));
    }
    String named = "tensor %d '%s'".formatted(index, name);
    long dtypeOffset = reader.offset();
    int dtypeCode = reader.readU8(named + " dtype");
    DType dtype = DType.fromCodeOrNull(dtypeCode);
    if (dtype == null) {
      throw reader.error(
          dtypeOffset, "%s: expected dtype code 1 (float32), got %d".formatted(named, dtypeCode));
    }
    long rankOffset = reader.offset();
    int rank = reader.readU8(named + " rank");
    if (rank > CheckpointFormat.MAX_RANK) {
      throw reader.error(
          rankOffset,
          "%s: expected rank <= %d, got %d".formatted(named, CheckpointFormat.MAX_RANK, rank));
    }
    int[] shape = new int[rank];
    long elements = 1;
    for (int d = 0; d < rank; d++) {
      long dimOffset = reader.offset();
      long dim = reader.readU32(named + " dimension " + d);
      elements *= Math.max(dim, 1);
      if (dim < 1 || dim > Integer.MAX_VALUE || elements > CheckpointFormat.MAX_ELEMENTS) {
        throw reader.error(
            dimOffset,
            "%s: expected dimension %d in 1..2^31-1 with at most %d elements in all, got %d"
                .formatted(named, d, CheckpointFormat.MAX_ELEMENTS, dim));
      }
      shape[d] = (int) dim;
    }
    return new TensorSpec(name, dtype, shape);
  }

  private static String utf8(LittleEndianReader reader, long at, byte[] bytes, String tensor)
      throws FormatException {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw reader.error(at, "%s: expected a UTF-8 name, got %s".formatted(tensor, hex(bytes)));
    }
  }

  private static String hex(byte[] bytes) {
    return io.proofmint.protocol.crypto.Hex.encode(bytes);
  }
}
