package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.crypto.Address;
import java.util.List;

/** A verdict the chain accepted, and who signed it (ascending, as the registry hashed them). */
public record Ruling(Verdict verdict, long failingSegment, List<Address> signers) {

  public Ruling {
    signers = List.copyOf(signers);
  }
}
