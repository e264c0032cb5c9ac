package io.proofmint.protocol.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** Writes every byte to two streams, in order; {@link #close()} closes neither. */
public final class TeeOutputStream extends OutputStream {

  private final OutputStream first;
  private final OutputStream second;

  public TeeOutputStream(OutputStream first, OutputStream second) {
    this.first = Objects.requireNonNull(first, "first");
    this.second = Objects.requireNonNull(second, "second");
  }

  @Override
  public void write(int b) throws IOException {
    first.write(b);
    second.write(b);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    first.write(data, offset, length);
    second.write(data, offset, length);
  }

  @Override
  public void flush() throws IOException {
    first.flush();
    second.flush();
  }
}
