package io.proofmint.cli.bench;

import java.util.List;

/**
 * The transfer benchmark's results with the machine they ran on.
 *
 * @param pipelinedToRaw wrapper-pipelined rate divided by the raw-batch rate
 */
public record TransferReport(
    String benchmark,
    String ranAt,
    String machine,
    long chainId,
    String rpcUrl,
    int batchSize,
    List<TransferResult> results,
    double pipelinedToRaw) {

  static TransferReport of(
      long chainId, String rpcUrl, int batchSize, List<TransferResult> results) {
    double pipelined = rate(results, "wrapper-pipelined");
    double raw = rate(results, "raw-batch");
    return new TransferReport(
        "erc20-transfers",
        java.time.Instant.now().toString(),
        MachineDescription.current(),
        chainId,
        rpcUrl,
        batchSize,
        List.copyOf(results),
        raw > 0 ? pipelined / raw : Double.NaN);
  }

  public TransferResult result(String mode) {
    return results.stream()
        .filter(r -> r.mode().equals(mode))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no result for mode " + mode));
  }

  private static double rate(List<TransferResult> results, String mode) {
    return results.stream()
        .filter(r -> r.mode().equals(mode))
        .mapToDouble(TransferResult::transfersPerSecond)
        .findFirst()
        .orElse(0);
  }
}
