package io.proofmint.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.batch.TaskSeed;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointEncoder;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.Tensor;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.commit.SegmentTree;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Hex;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.dataset.DatasetCommitment;
import io.proofmint.protocol.dataset.Shard;
import io.proofmint.protocol.dataset.ShardCodec;
import io.proofmint.protocol.dataset.ShardEntry;
import io.proofmint.protocol.io.Json;
import io.proofmint.protocol.sampling.ChallengeSeed;
import io.proofmint.protocol.sampling.SegmentSampler;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The example vectors of {@code docs/protocol-vectors.json}: fixed inputs and every value the
 * protocol derives from them. Both the Java and the Solidity tests check against the same file.
 */
public final class ProtocolVectors {

  public static final long CHAIN_ID = 31337;
  public static final Address REGISTRY =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  public static final BigInteger TASK_ID = BigInteger.ONE;
  public static final Address TRAINER =
      Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  public static final TaskBinding BINDING = TaskBinding.of(CHAIN_ID, REGISTRY, TASK_ID, TRAINER);
  public static final int K = 2;
  public static final int S = 5;
  public static final int Q = 4;
  public static final int PROVEN_SEGMENT = 3;

  private ProtocolVectors() {}

  public static List<Hash32> checkpoints() {
    return IntStream.rangeClosed(0, S)
        .mapToObj(i -> Keccak.hashUtf8("proofmint.vectors.ckpt." + i))
        .toList();
  }

  public static List<StepRecord> records() {
    return IntStream.range(0, K * S)
        .mapToObj(
            t ->
                StepRecord.of(
                    t, Keccak.hashUtf8("proofmint.vectors.batch." + t), 2.5f - 0.125f * t))
        .toList();
  }

  public static SegmentTree tree() {
    return SegmentTree.fromRecords(BINDING, K, records(), checkpoints());
  }

  public static Hash32 blockHash() {
    return Keccak.hashUtf8("proofmint.vectors.block");
  }

  public static Hash32 seed() {
    return ChallengeSeed.of(blockHash(), TASK_ID, tree().root());
  }

  public static long[] sampled() {
    return SegmentSampler.sample(seed(), tree().root(), S, Q);
  }

  public static Eip712Domain domain() {
    return Eip712Domain.of(CHAIN_ID, REGISTRY);
  }

  public static Attestation validAttestation() {
    return Attestation.valid(TASK_ID, tree().root(), seed());
  }

  public static Attestation unavailableAttestation() {
    return Attestation.unavailable(TASK_ID, tree().root(), seed());
  }

  public static Attestation fraudAttestation() {
    return Attestation.fraud(TASK_ID, tree().root(), seed(), sampled()[0]);
  }

  /** A tiny checkpoint whose encoding is listed byte for byte. */
  public static Checkpoint tinyCheckpoint() {
    return Checkpoint.of(
        5,
        Keccak.hashUtf8("proofmint.vectors.spec"),
        List.of(
            Tensor.of("w", new int[] {2, 2}, new float[] {1.0f, -2.0f, 0.5f, 3.0f}),
            Tensor.of("b", new int[] {2}, new float[] {0.0f, -0.0f})));
  }

  /** 40,000 floats {@code data[i] = i}: 160,104 encoded bytes, three 64 KiB chunks. */
  public static Checkpoint threeChunkCheckpoint() {
    float[] data = new float[40_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = i;
    }
    return Checkpoint.of(
        0,
        Keccak.hashUtf8("proofmint.vectors.spec"),
        List.of(Tensor.wrap("ramp", new int[] {data.length}, data)));
  }

  /** Ten examples {@code (i, -i) -> i mod 3}, in shards of 4, 4 and 2. */
  public static List<Shard> shards() {
    List<Shard> shards = new ArrayList<>();
    for (int from = 0; from < 10; from += 4) {
      int to = Math.min(10, from + 4);
      float[] features = new float[2 * (to - from)];
      int[] labels = new int[to - from];
      for (int i = from; i < to; i++) {
        features[2 * (i - from)] = i;
        features[2 * (i - from) + 1] = -i;
        labels[i - from] = i % 3;
      }
      shards.add(Shard.of(2, 3, features, labels));
    }
    return shards;
  }

  public static DatasetCommitment dataset() {
    List<ShardEntry> entries = new ArrayList<>();
    List<Shard> shards = shards();
    for (int i = 0; i < shards.size(); i++) {
      entries.add(
          ShardEntry.of(
              "shard-%05d.pmds".formatted(i),
              ShardCodec.hash(shards.get(i)),
              shards.get(i).exampleCount()));
    }
    return DatasetCommitment.of(2, 3, entries);
  }

  public static BatchDeriver batches() {
    Hash32 taskSeed = TaskSeed.of(BINDING, checkpoints().get(0));
    return BatchDeriver.of(taskSeed, dataset().root(), dataset().totalExamples(), 5);
  }

  /** Everything, as the JSON written to {@code docs/protocol-vectors.json}. */
  public static ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put(
        "description",
        "Proofmint protocol example vectors (docs/protocol.md). Hashes are keccak-256. Generated"
            + " and checked by protocol/src/test/java/io/proofmint/protocol/vectors.");
    ObjectNode inputs = root.putObject("inputs");
    inputs.put("chainId", CHAIN_ID);
    inputs.put("registry", REGISTRY.toChecksumHex());
    inputs.put("taskId", TASK_ID.toString());
    inputs.put("trainer", TRAINER.toChecksumHex());
    inputs.put("segmentLength", K);
    inputs.put("segments", S);
    inputs.put("checkpoints", "C_i = keccak256(\"proofmint.vectors.ckpt.<i>\"), i = 0..5");
    inputs.put("batchHashes", "batchHash_t = keccak256(\"proofmint.vectors.batch.<t>\"), t = 0..9");
    inputs.put("losses", "loss_t = 2.5 - 0.125 * t as float32");
    inputs.put("blockHash", "keccak256(\"proofmint.vectors.block\")");

    SegmentTree tree = tree();
    ObjectNode segments = root.putObject("segments");
    segments.put("leafDomain", SegmentLeaf.LEAF_DOMAIN.toHex());
    hashes(segments.putArray("checkpoints"), checkpoints());
    ArrayNode steps = segments.putArray("steps");
    for (StepRecord record : records()) {
      ObjectNode step = steps.addObject();
      step.put("t", record.step());
      step.put("batchHash", record.batchHash().toHex());
      step.put("lossBits", "0x%08x".formatted(record.lossBits()));
    }
    ArrayNode leaves = segments.putArray("leaves");
    for (int i = 0; i < S; i++) {
      SegmentLeaf leaf = tree.leaf(i);
      ObjectNode node = leaves.addObject();
      node.put("index", i);
      node.put("ckptStart", leaf.ckptStart().toHex());
      node.put("ckptEnd", leaf.ckptEnd().toHex());
      node.put("batchesHash", leaf.batchesHash().toHex());
      node.put("lossesHash", leaf.lossesHash().toHex());
      node.put("leaf", tree.leafHash(i).toHex());
    }
    segments.put("root", tree.root().toHex());
    ObjectNode proof = segments.putObject("proof");
    proof.put("segment", PROVEN_SEGMENT);
    hashes(proof.putArray("siblings"), tree.proof(PROVEN_SEGMENT));

    ObjectNode challenge = root.putObject("challenge");
    challenge.put("blockHash", blockHash().toHex());
    challenge.put("seed", seed().toHex());
    challenge.put("q", Q);
    ArrayNode sampled = challenge.putArray("sampledSegments");
    for (long s : sampled()) {
      sampled.add(s);
    }

    ObjectNode eip712 = root.putObject("eip712");
    eip712.put("name", Eip712Domain.NAME);
    eip712.put("version", Eip712Domain.VERSION);
    eip712.put("domainTypehash", Eip712Domain.TYPEHASH.toHex());
    eip712.put("domainSeparator", domain().separator().toHex());
    eip712.put("attestationType", Attestation.TYPE);
    eip712.put("attestationTypehash", Attestation.TYPEHASH.toHex());
    attestation(eip712.putObject("valid"), validAttestation());
    attestation(eip712.putObject("fraud"), fraudAttestation());
    attestation(eip712.putObject("unavailable"), unavailableAttestation());

    ObjectNode offchain = root.putObject("offchain");
    CheckpointHasher hasher = CheckpointHasher.sequential();
    ObjectNode tiny = offchain.putObject("tinyCheckpoint");
    tiny.put("step", 5);
    tiny.put("specHash", tinyCheckpoint().specHash().toHex());
    tiny.put("tensors", "w [2,2] = {1, -2, 0.5, 3}; b [2] = {0, -0}");
    tiny.put("encoding", Hex.encode(CheckpointEncoder.encode(tinyCheckpoint())));
    tiny.put("checkpointHash", hasher.hash(tinyCheckpoint()).toHex());
    ObjectNode ramp = offchain.putObject("threeChunkCheckpoint");
    ramp.put("description", "step 0, spec as above, one tensor 'ramp' [40000], data[i] = i");
    ramp.put("encodedLength", threeChunkCheckpoint().header().encodedLength());
    ramp.put("checkpointHash", hasher.hash(threeChunkCheckpoint()).toHex());

    ObjectNode data = offchain.putObject("dataset");
    data.put(
        "description", "10 examples, features (i, -i), label i mod 3; shards of 4, 4, 2 examples");
    List<String> encodings = shards().stream().map(s -> Hex.encode(ShardCodec.encode(s))).toList();
    data.put("shard0Encoding", encodings.get(0));
    hashes(data.putArray("shardHashes"), dataset().shardHashes());
    data.put("root", dataset().root().toHex());

    ObjectNode batch = offchain.putObject("batch");
    BatchDeriver batches = batches();
    batch.put("taskSeed", batches.taskSeed().toHex());
    batch.put("datasetRoot", batches.datasetRoot().toHex());
    batch.put("totalExamples", batches.totalExamples());
    batch.put("batchSize", batches.batchSize());
    for (int t = 0; t < 2; t++) {
      ObjectNode step = batch.putObject("step" + t);
      ArrayNode indices = step.putArray("indices");
      for (long index : batches.indices(t)) {
        indices.add(index);
      }
      step.put("batchHash", batches.batchHash(t).toHex());
    }
    return root;
  }

  private static void attestation(ObjectNode node, Attestation attestation) {
    node.put("taskId", attestation.taskId().toString());
    node.put("root", attestation.root().toHex());
    node.put("seed", attestation.seed().toHex());
    node.put("verdict", attestation.verdict().code());
    node.put("failingSegment", attestation.failingSegment());
    node.put("structHash", attestation.structHash().toHex());
    node.put("digest", attestation.digest(domain()).toHex());
  }

  private static void hashes(ArrayNode array, List<Hash32> hashes) {
    hashes.forEach(hash -> array.add(hash.toHex()));
  }
}
