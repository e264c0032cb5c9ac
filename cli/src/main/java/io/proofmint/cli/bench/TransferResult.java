package io.proofmint.cli.bench;

/** One mode of the transfer benchmark: how many transfers, how long until the last receipt. */
public record TransferResult(
    String mode, int transfers, double seconds, double transfersPerSecond) {

  static TransferResult of(String mode, int transfers, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    return new TransferResult(mode, transfers, seconds, transfers / seconds);
  }
}
