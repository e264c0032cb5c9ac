package io.proofmint.verifier.bench;

import io.proofmint.verifier.sampling.DetectionRate;
import io.proofmint.verifier.sampling.SamplingCost;
import java.util.Locale;

/**
 * Prints the measured detection rate of a trainer who faked a fraction f of its segments, for f in
 * {0.1, 0.25, 0.5} and q in {4, 8, 16, 22, 44}, next to {@code 1 - (1 - f)^q}, and the replayed
 * fraction per verifier.
 *
 * <pre>args: [trials=20000] [segments=200]</pre>
 */
public final class DetectionRateSimulation {

  static final double[] FRACTIONS = {0.1, 0.25, 0.5};
  static final int[] QS = {4, 8, 16, 22, 44};

  private DetectionRateSimulation() {}

  public static void main(String[] args) {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int segments = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    long started = System.nanoTime();
    DetectionRate.Measured[][] m = DetectionRate.measure(segments, FRACTIONS, QS, trials, 42);
    System.out.printf(
        Locale.ROOT,
        "S = %d segments, %d trials (seeds H(\"detection/seed/<t>\"))%n",
        segments,
        trials);
    System.out.printf(
        Locale.ROOT, "%5s %4s %10s %10s %9s%n", "f", "q", "measured", "1-(1-f)^q", "+-2se");
    for (int fi = 0; fi < FRACTIONS.length; fi++) {
      for (int qi = 0; qi < QS.length; qi++) {
        DetectionRate.Measured r = m[fi][qi];
        System.out.printf(
            Locale.ROOT,
            "%5.2f %4d %10.4f %10.4f %9.4f%n",
            FRACTIONS[fi],
            QS[qi],
            r.rate(),
            SamplingCost.detection(FRACTIONS[fi], QS[qi]),
            2 * r.standardError());
      }
    }
    System.out.printf(
        Locale.ROOT, "%4s %14s %14s %10s%n", "q", "mean distinct", "S(1-(1-1/S)^q)", "q/S");
    for (int qi = 0; qi < QS.length; qi++) {
      System.out.printf(
          Locale.ROOT,
          "%4d %14.3f %14.3f %10.4f%n",
          QS[qi],
          m[0][qi].meanDistinct(),
          SamplingCost.expectedDistinct(segments, QS[qi]),
          (double) QS[qi] / segments);
    }
    System.out.printf(Locale.ROOT, "%.1f s%n", (System.nanoTime() - started) / 1e9);
  }
}
