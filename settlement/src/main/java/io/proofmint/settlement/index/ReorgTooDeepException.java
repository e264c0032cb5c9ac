package io.proofmint.settlement.index;

/**
 * The chain no longer holds any of the blocks the indexer remembers: it cannot find where to roll
 * back to. An operator re-indexes into an empty database (or raises the number of blocks kept).
 */
public final class ReorgTooDeepException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ReorgTooDeepException(String message) {
    super(message);
  }
}
