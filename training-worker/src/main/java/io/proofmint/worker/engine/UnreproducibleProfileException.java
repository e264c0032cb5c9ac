package io.proofmint.worker.engine;

/**
 * Thrown when an engine is opened under a profile this process cannot reproduce. Callers that want
 * a value check first with {@link ReproducibilityProfile#checkRuntime(RuntimeFacts)}.
 */
public final class UnreproducibleProfileException extends IllegalStateException {

  private final transient ProfileCheck check;

  public UnreproducibleProfileException(ProfileCheck check) {
    super("refusing to train: " + check.message());
    this.check = check;
  }

  public ProfileCheck check() {
    return check;
  }
}
