package io.proofmint.cli.owner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.cli.Amounts;
import io.proofmint.cli.settlement.DurationConverter;
import io.proofmint.verifier.replay.ReplayPolicy;
import io.proofmint.worker.engine.VerificationMode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * A model's verification rules from flags, else a rules file, else the defaults below (the demo's).
 * The mode is not an option: it is the model definition's.
 */
final class RulesOptions {

  static final long DEFAULT_SEGMENT_LENGTH = 10;
  static final int DEFAULT_SAMPLES = 8;
  static final int DEFAULT_QUORUM = 3;
  static final int DEFAULT_DISPUTE_QUORUM = 5;
  static final String DEFAULT_CHALLENGE_WINDOW = "1h";
  static final String DEFAULT_VERIFY_TIMEOUT = "1h";
  static final String DEFAULT_TRAINER_BOND = "10";
  static final String DEFAULT_DISPUTE_BOND = "5";

  /** The rules file: any subset of these fields, named like the options. */
  record File(
      Long segmentLength,
      Integer samples,
      Integer quorum,
      Integer disputeQuorum,
      Long toleranceMicros,
      String challengeWindow,
      String verifyTimeout,
      String trainerBond,
      String disputeBond) {

    static final File EMPTY = new File(null, null, null, null, null, null, null, null, null);

    static File read(Path path) throws IOException {
      try {
        return new ObjectMapper().readValue(Files.readString(path), File.class);
      } catch (IOException e) {
        throw new IOException("rules file " + path + ": " + e.getMessage(), e);
      }
    }
  }

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description =
          "JSON file with any of segmentLength, samples, quorum, disputeQuorum, toleranceMicros,"
              + " challengeWindow, verifyTimeout, trainerBond, disputeBond; options given on the"
              + " command line win.")
  Path rulesFile;

  @Option(
      names = "--segment-length",
      paramLabel = "K",
      description = "Steps per segment; task steps must be a multiple of it (default: 10).")
  Long segmentLength;

  @Option(
      names = "--samples",
      paramLabel = "Q",
      description = "Segments sampled and replayed per task, 1..64 (default: 8).")
  Integer samples;

  @Option(
      names = "--quorum",
      paramLabel = "M",
      description = "Verifier signatures an attestation batch needs, 1..16 (default: 3).")
  Integer quorum;

  @Option(
      names = "--dispute-quorum",
      paramLabel = "N",
      description =
          "Signatures of a dispute committee, more than the quorum, up to 32 (default: 5).")
  Integer disputeQuorum;

  @Option(
      names = "--tolerance-micros",
      paramLabel = "N",
      description =
          "Tolerant-mode models only: the largest accepted replay distance in millionths,"
              + " 1..1000000 (default: 100, docs/verifier.md). Exact-mode models have 0.")
  Long toleranceMicros;

  @Option(
      names = "--challenge-window",
      paramLabel = "DURATION",
      description =
          "How long an attested verdict can be disputed, 1m up to half the stake manager's"
              + " unbonding delay (default: 1h).")
  String challengeWindow;

  @Option(
      names = "--verify-timeout",
      paramLabel = "DURATION",
      description = "How long after a commit an attestation batch may land, 1m..30d (default: 1h).")
  String verifyTimeout;

  @Option(
      names = "--trainer-bond",
      paramLabel = "AMOUNT",
      description = "Stake tokens a trainer locks per claimed task (default: 10).")
  String trainerBond;

  @Option(
      names = "--dispute-bond",
      paramLabel = "AMOUNT",
      description = "Stake tokens a disputer posts (default: 5).")
  String disputeBond;

  /** The rules for a model verified in {@code mode}, bonds in a stake token of those decimals. */
  VerificationRules resolve(VerificationMode mode, int stakeDecimals) throws IOException {
    File f = rulesFile != null ? File.read(rulesFile) : File.EMPTY;
    DurationConverter durations = new DurationConverter();
    long defaultTolerance =
        mode == VerificationMode.EXACT ? 0 : ReplayPolicy.DEFAULT_TOLERANCE_MICROS;
    return new VerificationRules(
        pick(segmentLength, f.segmentLength(), DEFAULT_SEGMENT_LENGTH),
        pick(samples, f.samples(), DEFAULT_SAMPLES),
        pick(quorum, f.quorum(), DEFAULT_QUORUM),
        pick(disputeQuorum, f.disputeQuorum(), DEFAULT_DISPUTE_QUORUM),
        mode,
        pick(toleranceMicros, f.toleranceMicros(), defaultTolerance),
        durations.convert(pick(challengeWindow, f.challengeWindow(), DEFAULT_CHALLENGE_WINDOW)),
        durations.convert(pick(verifyTimeout, f.verifyTimeout(), DEFAULT_VERIFY_TIMEOUT)),
        bond(
            pick(trainerBond, f.trainerBond(), DEFAULT_TRAINER_BOND),
            stakeDecimals,
            "trainer bond"),
        bond(
            pick(disputeBond, f.disputeBond(), DEFAULT_DISPUTE_BOND),
            stakeDecimals,
            "dispute bond"));
  }

  private static BigInteger bond(String amount, int decimals, String what) {
    return Amounts.parse(amount, decimals, what);
  }

  private static <T> T pick(T flag, T file, T fallback) {
    return flag != null ? flag : file != null ? file : fallback;
  }
}
