package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.sampling.SegmentSampler;
import io.proofmint.wrappers.attest.SignatureBatch;
import io.proofmint.wrappers.registry.TaskStatus;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory registry for daemon tests: blocks with events, tasks that move through the states
 * the daemon's transactions cause, a switch that makes the node unreachable, and a log of every
 * transaction sent.
 */
final class FakeRegistry implements RegistryClient {

  static final Address REGISTRY = Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  static final BigInteger MODEL = BigInteger.ONE;

  private final Address self;
  final Map<Long, List<RegistryEvent>> events = new TreeMap<>();
  final Map<BigInteger, TaskSnapshot> tasks = new HashMap<>();
  final List<String> sent = new ArrayList<>();
  final Map<Long, String> forks = new HashMap<>();
  Hash32 spec = Keccak.hashUtf8("served spec");
  ModelRules rules =
      new ModelRules(10, 4, 2, 3, 0, 0, 3600, 3600, BigInteger.TEN, BigInteger.valueOf(5));
  long head;
  long timestamp = 1_000_000;
  boolean down;
  boolean rejectNext;

  FakeRegistry(Address self) {
    this.self = self;
  }

  /** A view of the same chain for another account (shares blocks and tasks). */
  FakeRegistry as(Address other) {
    FakeRegistry view = new FakeRegistry(other);
    view.share(this);
    return view;
  }

  private FakeRegistry shared = this;

  private void share(FakeRegistry source) {
    this.shared = source.shared;
  }

  private FakeRegistry chain() {
    return shared;
  }

  long mine(RegistryEvent... emitted) {
    FakeRegistry c = chain();
    c.head++;
    if (emitted.length > 0) {
      c.events.computeIfAbsent(c.head, b -> new ArrayList<>()).addAll(List.of(emitted));
    }
    return c.head;
  }

  /** Commits a task in a new block and returns that block. */
  long commit(BigInteger taskId, Address trainer, Hash32 root, long segments) {
    FakeRegistry c = chain();
    long block = c.head + 1;
    c.tasks.put(
        taskId,
        new TaskSnapshot(
            taskId,
            MODEL,
            TaskStatus.COMMITTED,
            0,
            false,
            trainer,
            c.timestamp + 3600,
            block + 1,
            Keccak.hashUtf8("parent"),
            root,
            Hash32.ZERO));
    return mine(
        new RegistryEvent.TaskCommitted(
            block,
            taskId,
            MODEL,
            trainer,
            root,
            Keccak.hashUtf8("final"),
            segments,
            block + 1,
            "pmb1:http://127.0.0.1:1#" + "ab".repeat(32)));
  }

  void update(BigInteger taskId, java.util.function.UnaryOperator<TaskSnapshot> change) {
    chain().tasks.put(taskId, change.apply(chain().tasks.get(taskId)));
  }

  static TaskSnapshot with(TaskSnapshot t, TaskStatus status, int verdict, Hash32 seed) {
    return new TaskSnapshot(
        t.taskId(),
        t.modelId(),
        status,
        verdict,
        t.attesterRewardsPaid(),
        t.trainer(),
        t.deadline(),
        t.seedBlock(),
        t.parent(),
        t.root(),
        seed);
  }

  private void check() throws IOException {
    if (chain().down) {
      throw new IOException("connection refused (fake node down)");
    }
  }

  private void tx(String what) throws IOException {
    check();
    if (chain().rejectNext) {
      chain().rejectNext = false;
      throw new IOException(what + ": execution reverted");
    }
    chain().sent.add(self.toHex() + " " + what);
  }

  @Override
  public Address self() {
    return self;
  }

  @Override
  public long chainId() {
    return 31337;
  }

  @Override
  public Address registry() {
    return REGISTRY;
  }

  @Override
  public long blockNumber() throws IOException {
    check();
    return chain().head;
  }

  @Override
  public Optional<Hash32> blockHash(long number) throws IOException {
    check();
    if (number > chain().head) {
      return Optional.empty();
    }
    return Optional.of(Keccak.hashUtf8("block " + number + chain().forks.getOrDefault(number, "")));
  }

  @Override
  public long latestTimestamp() throws IOException {
    check();
    return chain().timestamp;
  }

  @Override
  public List<RegistryEvent> events(long from, long to) throws IOException {
    check();
    List<RegistryEvent> out = new ArrayList<>();
    chain()
        .events
        .forEach(
            (block, list) -> {
              if (block >= from && block <= to) {
                out.addAll(list);
              }
            });
    return out;
  }

  @Override
  public TaskSnapshot task(BigInteger taskId) throws IOException {
    check();
    return chain().tasks.get(taskId);
  }

  @Override
  public ModelRules rules(BigInteger modelId) throws IOException {
    check();
    return chain().rules;
  }

  @Override
  public Hash32 specHash(BigInteger modelId) throws IOException {
    check();
    return chain().spec;
  }

  @Override
  public List<Long> sampledSegments(BigInteger taskId) throws IOException {
    check();
    TaskSnapshot t = task(taskId);
    long segments = 4;
    return java.util.Arrays.stream(
            SegmentSampler.sample(t.seed(), t.root(), segments, chain().rules.samples()))
        .boxed()
        .toList();
  }

  @Override
  public void drawSeed(BigInteger taskId) throws IOException {
    tx("drawSeed " + taskId);
    Hash32 seed = Keccak.hashUtf8("seed of " + taskId + " at " + task(taskId).seedBlock());
    update(taskId, t -> with(t, TaskStatus.COMMITTED, 0, seed));
    mine(new RegistryEvent.SeedDrawn(chain().head + 1, taskId, seed));
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
    if (task(taskId).status() != TaskStatus.COMMITTED) {
      throw new IOException("WrongStatus");
    }
    tx("submitAttestations " + taskId + " " + verdict + " " + batch.signers().size());
    update(taskId, t -> with(t, TaskStatus.ATTESTED, verdict.code(), t.seed()));
    mine(
        new RegistryEvent.AttestationsSubmitted(
            chain().head + 1, taskId, verdict, failingSegment, batch.signers()));
  }

  @Override
  public void dispute(BigInteger taskId, BigInteger bond) throws IOException {
    if (task(taskId).status() != TaskStatus.ATTESTED) {
      throw new IOException("WrongStatus");
    }
    tx("dispute " + taskId + " bond " + bond);
    update(taskId, t -> with(t, TaskStatus.DISPUTED, t.verdict(), t.seed()));
    mine(new RegistryEvent.TaskDisputed(chain().head + 1, taskId, self));
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
    tx(
        "resolveDispute %s %s %d originals %s"
            .formatted(taskId, verdict, committee.signers().size(), originalAttesters));
    update(taskId, t -> with(t, TaskStatus.RESOLVED, verdict.code(), t.seed()));
  }

  @Override
  public void finalizeTask(BigInteger taskId) throws IOException {
    tx("finalize " + taskId);
  }

  @Override
  public void claimAttesterRewards(BigInteger taskId, List<Address> attesters) throws IOException {
    tx("claim " + taskId);
  }
}
