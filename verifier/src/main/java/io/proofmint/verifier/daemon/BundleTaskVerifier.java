package io.proofmint.verifier.daemon;

import io.proofmint.protocol.artifacts.ArtifactFetchException;
import io.proofmint.protocol.artifacts.ArtifactFetcher;
import io.proofmint.protocol.artifacts.ArtifactLocator;
import io.proofmint.protocol.artifacts.ArtifactNotFoundException;
import io.proofmint.protocol.artifacts.BundleFetcher;
import io.proofmint.protocol.artifacts.InvalidBundleException;
import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.bundle.CommittedTask;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.HashMismatchException;
import io.proofmint.protocol.sampling.SegmentSampler;
import io.proofmint.verifier.replay.ReplayEngines;
import io.proofmint.verifier.replay.ReplayPolicy;
import io.proofmint.verifier.replay.SegmentReplay;
import io.proofmint.verifier.replay.SegmentReplayer;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.WorkerPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a task the way protocol.md sections 10.6 and 12.4 say: derive the sample and check it
 * against the registry's; fetch the manifest and records from the committed locator and check the
 * bundle against the chain; then for each distinct sampled segment, in draw order, fetch only
 * {@code C_i} and {@code C_{i+1}}, validate them and replay. The first segment that fails is the
 * FRAUD verdict's failing segment (every honest verifier picks the same one); a checkpoint the
 * server does not have (404) or serves with another hash fails its segment too, since the
 * manifest's leaf is provable without it.
 *
 * <p>What a FRAUD batch cannot prove is {@link Verification#unavailable}: a locator that does not
 * parse, a manifest or records file that cannot be downloaded, is not the one the locator names, or
 * does not match the committed task (root, trainer, parent, final checkpoint, S), and a sampled
 * checkpoint the server keeps failing to deliver. The daemon retries those with backoff and signs
 * UNAVAILABLE when they outlast its grace period.
 *
 * <p>Not thread-safe: run it on one replay thread.
 */
public final class BundleTaskVerifier implements TaskVerifier, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BundleTaskVerifier.class);

  private final Map<Hash32, ServedModel> models;
  private final BundleFetcher fetcher;
  private final Path workDir;
  private final CheckpointHasher hasher;
  private final WorkerPool workers;
  private final VerifierMetrics metrics;
  private final long chainId;
  private final Address registry;
  private final Map<String, TrainingEngine> engines = new HashMap<>();

  public BundleTaskVerifier(
      Map<Hash32, ServedModel> models,
      ArtifactFetcher fetcher,
      Path workDir,
      CheckpointHasher hasher,
      WorkerPool workers,
      VerifierMetrics metrics,
      long chainId,
      Address registry) {
    this.models = Map.copyOf(models);
    this.fetcher = new BundleFetcher(fetcher);
    this.workDir = workDir;
    this.hasher = hasher;
    this.workers = workers;
    this.metrics = metrics;
    this.chainId = chainId;
    this.registry = registry;
  }

  /** The served model of {@code specHash}; tasks of other models are never verified. */
  public ServedModel model(Hash32 specHash) {
    ServedModel model = models.get(specHash);
    if (model == null) {
      throw new IllegalArgumentException("model spec " + specHash + " is not served");
    }
    return model;
  }

  @Override
  public boolean serves(Hash32 specHash) {
    return models.containsKey(specHash);
  }

  @Override
  public Verification verify(
      Hash32 specHash, TrackedTask task, Hash32 parent, ModelRules rules, List<Long> chainSample) {
    int segments = Math.toIntExact(task.segments());
    long[] sample = SegmentSampler.sample(task.seed(), task.root(), segments, rules.samples());
    List<Long> ours = java.util.Arrays.stream(sample).boxed().toList();
    if (!ours.equals(chainSample)) {
      return Verification.cannotAttest(
          "sampled segments: expected %s (registry), derived %s".formatted(chainSample, ours));
    }
    LinkedHashSet<Integer> distinct = new LinkedHashSet<>();
    for (long s : sample) {
      distinct.add(Math.toIntExact(s));
    }
    ArtifactLocator locator;
    try {
      locator = ArtifactLocator.parse(task.locator());
    } catch (FormatException e) {
      return Verification.unavailable("artifact locator: " + e.getMessage());
    }
    Path dir = workDir.resolve("task-" + task.taskId()).resolve("bundle");
    BundleReader reader = new BundleReader(hasher);
    ProofBundle light;
    try {
      fetcher.fetch(locator, Set.of(), dir);
      BundleValidation manifest = reader.validateSegments(dir, Set.of());
      if (manifest.isValid()) {
        manifest =
            manifest
                .bundle()
                .matches(
                    new CommittedTask(
                        TaskBinding.of(chainId, registry, task.taskId(), task.trainer()),
                        parent,
                        task.root(),
                        task.finalCheckpoint(),
                        segments));
      }
      if (!manifest.isValid()) {
        return Verification.unavailable("bundle does not match the commitment: " + manifest);
      }
      light = manifest.bundle();
    } catch (ArtifactFetchException e) {
      return Verification.unavailable("artifact server: " + e.getMessage());
    } catch (InvalidBundleException e) {
      return Verification.unavailable("bundle: " + e.validation());
    } catch (HashMismatchException | FormatException e) {
      return Verification.unavailable("bundle manifest or records: " + e.getMessage());
    } catch (IOException e) {
      return Verification.retry("bundle manifest or records: " + e.getMessage());
    }

    ServedModel model = model(specHash);
    ReplayPolicy policy = rules.policy();
    SegmentReplayer replayer =
        new SegmentReplayer(
            model.definition(), model.data(), engine(model, policy), hasher, policy);
    List<String> passed = new ArrayList<>();
    for (int segment : distinct) {
      ProofBundle bundle;
      try {
        fetcher.fetch(locator, Set.of(segment), dir);
        BundleValidation v = reader.validateSegments(dir, Set.of(segment));
        if (!v.isValid()) {
          return Verification.fraud(
              light.leaf(segment), light.proof(segment), "segment %d: %s".formatted(segment, v));
        }
        bundle = v.bundle();
      } catch (ArtifactNotFoundException | HashMismatchException e) {
        return Verification.fraud(
            light.leaf(segment),
            light.proof(segment),
            "segment %d: checkpoint withheld or substituted: %s"
                .formatted(segment, e.getMessage()));
      } catch (ArtifactFetchException e) {
        return Verification.unavailable(
            "segment %d: artifact server: %s".formatted(segment, e.getMessage()));
      } catch (IOException e) {
        return Verification.retry("segment %d: %s".formatted(segment, e.getMessage()));
      }
      SegmentReplay replay = replayer.replay(bundle, segment);
      metrics.segmentReplayed(replay.reason().name(), replay.elapsed());
      LOG.info(
          "task {} segment {}: {} in {} ms ({})",
          task.taskId(),
          segment,
          replay.reason(),
          replay.elapsed().toMillis(),
          replay.detail());
      if (!replay.passes()) {
        return Verification.fraud(
            bundle.leaf(segment), bundle.proof(segment), replay.reason() + ": " + replay.detail());
      }
      passed.add(Integer.toString(segment));
    }
    return Verification.valid(
        "%d distinct of %d sampled segments replayed (%s), policy %s"
            .formatted(distinct.size(), sample.length, String.join(", ", passed), policy));
  }

  private TrainingEngine engine(ServedModel model, ReplayPolicy policy) {
    String key = model.specHash() + "/" + policy;
    return engines.computeIfAbsent(
        key, k -> ReplayEngines.open(model.definition(), policy, workers));
  }

  @Override
  public void close() {
    engines.values().forEach(TrainingEngine::close);
    engines.clear();
  }
}
