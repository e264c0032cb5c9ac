package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.attest.SignatureBatch;
import io.proofmint.wrappers.chain.ChainReader;
import io.proofmint.wrappers.chain.LogQuery;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;

/** {@link RegistryClient} over the generated wrappers of a loaded {@link Suite}. */
public final class Web3RegistryClient implements RegistryClient {

  private static final Map<String, Function<Log, RegistryEvent>> DECODERS =
      Map.of(
          topic(TrainingRegistry.TASKCOMMITTED_EVENT), Web3RegistryClient::committed,
          topic(TrainingRegistry.SEEDDRAWN_EVENT), Web3RegistryClient::seedDrawn,
          topic(TrainingRegistry.SEEDREANCHORED_EVENT), Web3RegistryClient::reanchored,
          topic(TrainingRegistry.ATTESTATIONSSUBMITTED_EVENT), Web3RegistryClient::attested,
          topic(TrainingRegistry.TASKDISPUTED_EVENT), Web3RegistryClient::disputed,
          topic(TrainingRegistry.DISPUTERESOLVED_EVENT), Web3RegistryClient::resolved);

  private final Suite suite;
  private final ChainReader reader;
  private final TrainingRegistry registry;
  private final Address self;
  private final Address registryAddress;

  public Web3RegistryClient(Suite suite) {
    this.suite = suite;
    this.reader = ChainReader.of(suite.chain());
    this.registry = suite.registry();
    this.self = Address.fromHex(suite.account().getAddress());
    this.registryAddress = Address.fromHex(suite.address(SuiteRoles.TRAINING_REGISTRY));
  }

  @Override
  public Address self() {
    return self;
  }

  @Override
  public long chainId() {
    return suite.chain().chainId();
  }

  @Override
  public Address registry() {
    return registryAddress;
  }

  @Override
  public long blockNumber() throws IOException {
    return reader.blockNumber();
  }

  @Override
  public Optional<Hash32> blockHash(long number) throws IOException {
    return reader.block(number).map(b -> Hash32.fromHex(b.hash()));
  }

  @Override
  public long latestTimestamp() throws IOException {
    return reader.latestTimestamp();
  }

  @Override
  public List<RegistryEvent> events(long from, long to) throws IOException {
    List<Log> logs =
        reader.logs(
            LogQuery.between(from, to).at(registryAddress.toHex()).topic(DECODERS.keySet()));
    List<RegistryEvent> events = new ArrayList<>();
    for (Log log : logs) {
      if (log.isRemoved() || log.getTopics().isEmpty()) {
        continue;
      }
      Function<Log, RegistryEvent> decoder = DECODERS.get(log.getTopics().get(0));
      if (decoder != null) {
        events.add(decoder.apply(log));
      }
    }
    return events;
  }

  @Override
  public TaskSnapshot task(BigInteger taskId) throws IOException {
    TrainingRegistry.TaskView t = call(() -> registry.getTask(taskId).send(), "getTask");
    return new TaskSnapshot(
        taskId,
        t.modelId,
        TaskStatus.fromChain(t.status),
        t.verdict.intValueExact(),
        Boolean.TRUE.equals(t.attesterRewardsPaid),
        Address.fromHex(t.trainer),
        t.deadline.longValueExact(),
        t.seedBlock.longValueExact(),
        Hash32.of(t.parent),
        Hash32.of(t.root),
        Hash32.of(t.seed));
  }

  @Override
  public ModelRules rules(BigInteger modelId) throws IOException {
    TrainingRegistry.Rules r = call(() -> registry.getRules(modelId).send(), "getRules");
    return new ModelRules(
        r.segmentLength.intValueExact(),
        r.samples.intValueExact(),
        r.quorum.intValueExact(),
        r.disputeQuorum.intValueExact(),
        r.mode.intValueExact(),
        r.toleranceMicros.longValueExact(),
        r.challengeWindow.longValueExact(),
        r.verifyTimeout.longValueExact(),
        r.trainerBond,
        r.disputeBond);
  }

  @Override
  public Hash32 specHash(BigInteger modelId) throws IOException {
    return Hash32.of(call(() -> registry.getModel(modelId).send(), "getModel").specHash);
  }

  @Override
  public List<Long> sampledSegments(BigInteger taskId) throws IOException {
    List<?> values = call(() -> registry.sampledSegments(taskId).send(), "sampledSegments");
    return values.stream().map(v -> ((BigInteger) v).longValueExact()).toList();
  }

  @Override
  public void drawSeed(BigInteger taskId) throws IOException {
    call(() -> registry.drawSeed(taskId).send(), "drawSeed");
  }

  @Override
  public void submitAttestations(
      BigInteger taskId,
      Verdict verdict,
      long failingSegment,
      SignatureBatch batch,
      SegmentLeaf failingLeaf,
      List<Hash32> proof)
      throws IOException {
    call(
        () ->
            registry
                .submitAttestations(
                    taskId,
                    BigInteger.valueOf(verdict.code()),
                    BigInteger.valueOf(failingSegment),
                    batch.packed(),
                    struct(failingLeaf),
                    proof.stream().map(Hash32::bytes).toList())
                .send(),
        "submitAttestations");
  }

  @Override
  public void dispute(BigInteger taskId, BigInteger bond) throws IOException {
    call(() -> suite.stakeToken().approve(registryAddress.toHex(), bond).send(), "approve");
    call(() -> registry.dispute(taskId).send(), "dispute");
  }

  @Override
  public void resolveDispute(
      BigInteger taskId,
      Verdict verdict,
      long failingSegment,
      SignatureBatch committee,
      SegmentLeaf failingLeaf,
      List<Hash32> proof,
      List<Address> originalAttesters)
      throws IOException {
    call(
        () ->
            registry
                .resolveDispute(
                    taskId,
                    BigInteger.valueOf(verdict.code()),
                    BigInteger.valueOf(failingSegment),
                    committee.packed(),
                    struct(failingLeaf),
                    proof.stream().map(Hash32::bytes).toList(),
                    originalAttesters.stream().map(Address::toHex).toList())
                .send(),
        "resolveDispute");
  }

  @Override
  public void finalizeTask(BigInteger taskId) throws IOException {
    call(() -> registry.finalize(taskId).send(), "finalize");
  }

  @Override
  public void claimAttesterRewards(BigInteger taskId, List<Address> attesters) throws IOException {
    call(
        () ->
            registry
                .claimAttesterRewards(taskId, attesters.stream().map(Address::toHex).toList())
                .send(),
        "claimAttesterRewards");
  }

  /** A VALID batch carries an all-zero leaf (the registry ignores it). */
  private static TrainingRegistry.SegmentLeaf struct(SegmentLeaf leaf) {
    if (leaf == null) {
      byte[] zero = new byte[32];
      return new TrainingRegistry.SegmentLeaf(zero, zero, zero, zero);
    }
    return new TrainingRegistry.SegmentLeaf(
        leaf.ckptStart().bytes(),
        leaf.ckptEnd().bytes(),
        leaf.batchesHash().bytes(),
        leaf.lossesHash().bytes());
  }

  @FunctionalInterface
  private interface ChainCall<T> {
    T run() throws Exception;
  }

  private static <T> T call(ChainCall<T> call, String what) throws IOException {
    try {
      return call.run();
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IOException(what + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IOException(what + ": " + e.getMessage(), e);
    }
  }

  private static String topic(Event event) {
    return EventEncoder.encode(event);
  }

  private static long block(Log log) {
    return log.getBlockNumber().longValueExact();
  }

  private static RegistryEvent committed(Log log) {
    var e = TrainingRegistry.getTaskCommittedEventFromLog(log);
    return new RegistryEvent.TaskCommitted(
        block(log),
        e.taskId,
        e.modelId,
        Address.fromHex(e.trainer),
        Hash32.of(e.root),
        Hash32.of(e.finalCheckpoint),
        e.segments.longValueExact(),
        e.seedBlock.longValueExact(),
        e.artifactLocator);
  }

  private static RegistryEvent seedDrawn(Log log) {
    var e = TrainingRegistry.getSeedDrawnEventFromLog(log);
    return new RegistryEvent.SeedDrawn(block(log), e.taskId, Hash32.of(e.seed));
  }

  private static RegistryEvent reanchored(Log log) {
    var e = TrainingRegistry.getSeedReanchoredEventFromLog(log);
    return new RegistryEvent.SeedReanchored(block(log), e.taskId, e.newSeedBlock.longValueExact());
  }

  private static RegistryEvent attested(Log log) {
    var e = TrainingRegistry.getAttestationsSubmittedEventFromLog(log);
    return new RegistryEvent.AttestationsSubmitted(
        block(log),
        e.taskId,
        Verdict.fromCode(e.verdict.intValueExact()),
        e.failingSegment.longValueExact(),
        e.signers.stream().map(Address::fromHex).toList());
  }

  private static RegistryEvent disputed(Log log) {
    var e = TrainingRegistry.getTaskDisputedEventFromLog(log);
    return new RegistryEvent.TaskDisputed(block(log), e.taskId, Address.fromHex(e.disputer));
  }

  private static RegistryEvent resolved(Log log) {
    var e = TrainingRegistry.getDisputeResolvedEventFromLog(log);
    return new RegistryEvent.DisputeResolved(
        block(log),
        e.taskId,
        Boolean.TRUE.equals(e.overturned),
        Verdict.fromCode(e.verdict.intValueExact()),
        e.failingSegment.longValueExact(),
        e.committee.stream().map(Address::fromHex).toList());
  }
}
