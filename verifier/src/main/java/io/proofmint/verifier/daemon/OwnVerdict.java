package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.attest.SignedAttestation;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * This verifier's signed verdict on a task, with what a FRAUD batch must carry: the failing
 * segment's leaf fields and its Merkle proof from the bundle.
 *
 * @param leaf the failing segment's leaf; null for VALID
 * @param proof its sibling hashes; empty for VALID
 * @param reason why (a replay reason or a fetch failure), for logs
 */
public record OwnVerdict(
    Attestation attestation,
    SignedAttestation signature,
    SegmentLeaf leaf,
    List<Hash32> proof,
    String reason) {

  public OwnVerdict {
    Objects.requireNonNull(attestation, "attestation");
    Objects.requireNonNull(signature, "signature");
    proof = List.copyOf(proof);
    if (attestation.verdict() == Verdict.FRAUD && leaf == null) {
      throw new IllegalArgumentException("a FRAUD verdict needs the failing segment's leaf");
    }
  }

  public BigInteger taskId() {
    return attestation.taskId();
  }

  public Verdict verdict() {
    return attestation.verdict();
  }

  public long failingSegment() {
    return attestation.failingSegment();
  }
}
