package io.proofmint.worker.data;

import java.io.IOException;

/** A data file that cannot be read as examples; the message names the file and the position. */
public final class ExamplesFormatException extends IOException {

  public ExamplesFormatException(String message) {
    super(message);
  }
}
