package io.proofmint.wrappers;

import java.io.IOException;

/** The chain could not be used: unreachable, another chain than expected, or a rejected call. */
public class ChainAccessException extends IOException {
  private static final long serialVersionUID = 1L;

  public ChainAccessException(String message) {
    super(message);
  }

  public ChainAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
