package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.bundle.BundleValidation;
import java.io.IOException;
import java.util.Objects;

/** A bundle that {@link BundlePublisher} would not publish, with the reason it is invalid. */
public final class InvalidBundleException extends IOException {

  private final transient BundleValidation validation;

  public InvalidBundleException(BundleValidation validation) {
    super("bundle: expected a valid bundle, got " + validation);
    this.validation = Objects.requireNonNull(validation, "validation");
  }

  public BundleValidation validation() {
    return validation;
  }
}
