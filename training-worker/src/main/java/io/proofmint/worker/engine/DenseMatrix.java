package io.proofmint.worker.engine;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A row-major float32 matrix in ND4J's off-heap memory, seen three ways: the {@link INDArray}
 * (which owns the memory), the pointer BLAS reads and writes, and a direct {@link FloatBuffer} for
 * the element loops done in Java. Zero-filled on creation.
 */
final class DenseMatrix implements AutoCloseable {

  final int rows;
  final int cols;
  final INDArray array;
  final FloatPointer pointer;
  final FloatBuffer buffer;

  DenseMatrix(int rows, int cols) {
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "matrix dimensions must be positive, got %d x %d".formatted(rows, cols));
    }
    this.rows = rows;
    this.cols = cols;
    this.array = Nd4j.create(DataType.FLOAT, new long[] {rows, cols}, 'c');
    this.pointer = (FloatPointer) array.data().addressPointer();
    this.buffer = array.data().asNioFloat();
    if (buffer.capacity() != rows * cols) {
      throw new IllegalStateException(
          "ND4J buffer for %d x %d: expected %d floats, got %d"
              .formatted(rows, cols, rows * cols, buffer.capacity()));
    }
  }

  /** A pointer to element {@code offset} (row-major), for BLAS calls on a sub-matrix. */
  FloatPointer pointerAt(long offset) {
    if (offset < 0 || offset >= size()) {
      throw new IndexOutOfBoundsException(
          "offset %d outside a %d x %d matrix".formatted(offset, rows, cols));
    }
    return new FloatPointer(pointer).position(pointer.position() + offset);
  }

  int size() {
    return rows * cols;
  }

  void copyFrom(float[] source) {
    if (source.length != size()) {
      throw new IllegalArgumentException(
          "matrix %d x %d: expected %d floats, got %d"
              .formatted(rows, cols, size(), source.length));
    }
    buffer.put(0, source);
  }

  float[] toArray() {
    float[] out = new float[size()];
    buffer.get(0, out);
    return out;
  }

  /**
   * Frees the off-heap memory now instead of at garbage collection; the matrix is unusable after.
   */
  @Override
  public void close() {
    array.close();
  }
}
