package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.attest.SignatureBatch;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What the verifier daemon needs of the chain: block numbers and hashes, the registry's events,
 * views and the transactions it sends. Every call may fail with an {@link IOException} (node down,
 * transaction reverted); the daemon re-reads the task before deciding what a failure meant.
 */
public interface RegistryClient {

  /** The account that signs and sends. */
  Address self();

  long chainId();

  Address registry();

  long blockNumber() throws IOException;

  /** The hash of block {@code number} on the node's current chain; empty if it has none. */
  Optional<Hash32> blockHash(long number) throws IOException;

  /** The timestamp of the latest block (the chain's clock, which windows are measured in). */
  long latestTimestamp() throws IOException;

  /** The registry events of blocks {@code from .. to}, inclusive, in chain order. */
  List<RegistryEvent> events(long from, long to) throws IOException;

  TaskSnapshot task(BigInteger taskId) throws IOException;

  ModelRules rules(BigInteger modelId) throws IOException;

  Hash32 specHash(BigInteger modelId) throws IOException;

  /** {@code registry.sampledSegments(taskId)}: the contract's own sample, to cross-check ours. */
  List<Long> sampledSegments(BigInteger taskId) throws IOException;

  void drawSeed(BigInteger taskId) throws IOException;

  void submitAttestations(
      BigInteger taskId,
      Verdict verdict,
      long failingSegment,
      SignatureBatch batch,
      SegmentLeaf failingLeaf,
      List<Hash32> proof)
      throws IOException;

  /** Approves the dispute bond in stake tokens, then disputes. */
  void dispute(BigInteger taskId, BigInteger bond) throws IOException;

  void resolveDispute(
      BigInteger taskId,
      Verdict verdict,
      long failingSegment,
      SignatureBatch committee,
      SegmentLeaf failingLeaf,
      List<Hash32> proof,
      List<Address> originalAttesters)
      throws IOException;

  void finalizeTask(BigInteger taskId) throws IOException;

  void claimAttesterRewards(BigInteger taskId, List<Address> attesters) throws IOException;
}
