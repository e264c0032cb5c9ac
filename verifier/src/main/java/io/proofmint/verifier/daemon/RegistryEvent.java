package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import java.math.BigInteger;
import java.util.List;

/** The registry events a verifier acts on, decoded, with the block they are in. */
public sealed interface RegistryEvent {

  long block();

  BigInteger taskId();

  /** A trainer committed a task: what to verify and where the bundle is. */
  record TaskCommitted(
      long block,
      BigInteger taskId,
      BigInteger modelId,
      Address trainer,
      Hash32 root,
      Hash32 finalCheckpoint,
      long segments,
      long seedBlock,
      String locator)
      implements RegistryEvent {}

  record SeedDrawn(long block, BigInteger taskId, Hash32 seed) implements RegistryEvent {}

  /** {@code drawSeed} came more than 256 blocks late and moved the seed block. */
  record SeedReanchored(long block, BigInteger taskId, long newSeedBlock)
      implements RegistryEvent {}

  record AttestationsSubmitted(
      long block, BigInteger taskId, Verdict verdict, long failingSegment, List<Address> signers)
      implements RegistryEvent {
    public AttestationsSubmitted {
      signers = List.copyOf(signers);
    }
  }

  record TaskDisputed(long block, BigInteger taskId, Address disputer) implements RegistryEvent {}

  /** The committee ruled; when {@code overturned}, {@code committee} are the standing attesters. */
  record DisputeResolved(
      long block,
      BigInteger taskId,
      boolean overturned,
      Verdict verdict,
      long failingSegment,
      List<Address> committee)
      implements RegistryEvent {
    public DisputeResolved {
      committee = List.copyOf(committee);
    }
  }
}
