package io.proofmint.cli.bench;

import java.time.Instant;
import java.util.List;

/** What {@code proofmint bench gas} writes. */
public record GasReport(
    String benchmark, String ranAt, String machine, long chainId, List<GasResult> results) {

  static GasReport of(long chainId, List<GasResult> results) {
    return new GasReport(
        "contract-gas",
        Instant.now().toString(),
        MachineDescription.current(),
        chainId,
        List.copyOf(results));
  }

  public boolean allWithinTarget() {
    return results.stream().allMatch(GasResult::withinTarget);
  }
}
