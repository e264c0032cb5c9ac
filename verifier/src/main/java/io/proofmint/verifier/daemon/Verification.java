package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Hash32;
import java.util.List;
import java.util.Objects;

/**
 * What verifying a task came to: a verdict to sign; a reason to try again later (a local problem);
 * the committed bundle being unavailable now (it could not be downloaded, or what was served does
 * not match the commitment: retried with backoff, then signed as UNAVAILABLE once the grace period
 * is over); or a reason no attestation is possible (this verifier disagrees with the registry).
 */
public record Verification(
    Outcome outcome,
    Verdict verdict,
    long failingSegment,
    SegmentLeaf leaf,
    List<Hash32> proof,
    String detail) {

  public enum Outcome {
    /** A VALID or FRAUD verdict to sign now. */
    VERDICT,
    /** A local problem (disk, this verifier's own state): try again after the retry delay. */
    RETRY,
    /** The committed bundle or a sampled artifact is unavailable or does not match the chain. */
    UNAVAILABLE,
    /** Nothing attestable, e.g. the registry's sample differs from ours. */
    CANNOT_ATTEST
  }

  public Verification {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    proof = List.copyOf(proof);
  }

  public static Verification valid(String detail) {
    return new Verification(Outcome.VERDICT, Verdict.VALID, 0, null, List.of(), detail);
  }

  public static Verification fraud(SegmentLeaf leaf, List<Hash32> proof, String detail) {
    return new Verification(Outcome.VERDICT, Verdict.FRAUD, leaf.index(), leaf, proof, detail);
  }

  /** The bundle is unavailable now; its verdict, once the grace period is over, is UNAVAILABLE. */
  public static Verification unavailable(String detail) {
    return new Verification(Outcome.UNAVAILABLE, Verdict.UNAVAILABLE, 0, null, List.of(), detail);
  }

  public static Verification retry(String detail) {
    return new Verification(Outcome.RETRY, null, 0, null, List.of(), detail);
  }

  public static Verification cannotAttest(String detail) {
    return new Verification(Outcome.CANNOT_ATTEST, null, 0, null, List.of(), detail);
  }
}
