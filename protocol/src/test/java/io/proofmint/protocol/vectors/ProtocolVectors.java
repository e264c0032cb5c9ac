package io.proofmint.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.artifacts.ArtifactLocator;
import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.batch.TaskSeed;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointEncoder;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.ChunkHash;
import io.proofmint.protocol.checkpoint.ChunkProof;
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
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.protocol.dataset.ShardCodec;
import io.proofmint.protocol.dataset.ShardEntry;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.Json;
import io.proofmint.protocol.sampling.ChallengeSeed;
import io.proofmint.protocol.sampling.SegmentSampler;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  public static List<Examples> shards() {
    List<Examples> shards = new ArrayList<>();
    for (int from = 0; from < 10; from += 4) {
      int to = Math.min(10, from + 4);
      float[] features = new float[2 * (to - from)];
      int[] labels = new int[to - from];
      for (int i = from; i < to; i++) {
        features[2 * (i - from)] = i;
        features[2 * (i - from) + 1] = -i;
        labels[i - from] = i % 3;
      }
      shards.add(Examples.of(2, 3, features, labels));
    }
    return shards;
  }

  public static DatasetCommitment dataset() {
    List<ShardEntry> entries = new ArrayList<>();
    List<Examples> shards = shards();
    for (int i = 0; i < shards.size(); i++) {
      entries.add(
          ShardEntry.of(
              "shard-%05d.pmds".formatted(i),
              ShardCodec.hash(shards.get(i)),
              shards.get(i).size()));
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
    byte[] rampBytes = CheckpointEncoder.encode(threeChunkCheckpoint());
    ArrayNode chunkProofs = ramp.putArray("chunkProofs");
    for (long index : PROVEN_CHUNKS) {
      ChunkProof chunkProof = hasher.proveChunk(rampBytes, index);
      byte[] chunk = CheckpointHasher.chunk(rampBytes, index);
      ObjectNode node = chunkProofs.addObject();
      node.put("index", index);
      node.put("chunkLength", chunk.length);
      node.put("chunkLeaf", ChunkHash.leaf(chunk, 0, chunk.length).toHex());
      hashes(node.putArray("siblings"), chunkProof.siblings());
    }

    ObjectNode data = offchain.putObject("dataset");
    data.put(
        "description", "10 examples, features (i, -i), label i mod 3; shards of 4, 4, 2 examples");
    List<String> encodings = shards().stream().map(s -> Hex.encode(ShardCodec.encode(s))).toList();
    data.put("shard0Encoding", encodings.get(0));
    hashes(data.putArray("shardHashes"), dataset().shardHashes());
    data.put("root", dataset().root().toHex());

    ObjectNode batch = offchain.putObject("batch");
    BatchDeriver batches = batches();
    ObjectNode seedInputs = batch.putObject("taskSeedInputs");
    seedInputs.put("domain", "keccak256(\"proofmint.batch.v1\")");
    seedInputs.put("domainHash", TaskSeed.DOMAIN.toHex());
    seedInputs.put("chainId", CHAIN_ID);
    seedInputs.put("registry", REGISTRY.toChecksumHex());
    seedInputs.put("taskId", TASK_ID.toString());
    seedInputs.put("parentCheckpoint", checkpoints().get(0).toHex());
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

    ObjectNode spec = offchain.putObject("specHash");
    spec.put(
        "description",
        "model 5-4-3, batch 3, lr 0.01, default betas and eps, portable profile, exact, init 7,"
            + " dataset keccak256(\"proofmint.vectors.dataset\") (protocol.md section 13)");
    spec.put("canonical", SPEC_CANONICAL);
    spec.put("specHash", Keccak.hashUtf8(SPEC_CANONICAL).toHex());

    ObjectNode locators = offchain.putObject("locators");
    ArrayNode accepted = locators.putArray("accepted");
    for (String text : ACCEPTED_LOCATORS) {
      accepted.add(parsed(text).toString());
    }
    ArrayNode refused = locators.putArray("refused");
    REFUSED_LOCATORS.forEach(
        (text, rule) -> {
          refusedOrFail(text);
          ObjectNode node = refused.addObject();
          node.put("locator", text);
          node.put("rule", rule);
        });
    return root;
  }

  /** The spec-hash vector's canonical text (section 13); training-worker pins the same model. */
  public static final String SPEC_CANONICAL =
      "proofmint.model.v1|mlp(layers=5,4,3,activation=relu,loss=softmax-xent-mean,batch=3,"
          + "adam(lr=0x3c23d70a,beta1=0x3f666666,beta2=0x3f7fbe77,eps=0x322bcc77))"
          + "|proofmint-profile/1;backend=jvm-portable;dtype=float32;engine=2|mode=exact|init=7"
          + "|dataset="
          + Keccak.hashUtf8("proofmint.vectors.dataset").toHex();

  /**
   * Chunks of the three-chunk checkpoint whose proofs are listed: a full one and the short last.
   */
  static final long[] PROVEN_CHUNKS = {1, 2};

  private static final String LOCATOR_HASH = "#" + Keccak.hashUtf8("manifest").toHex().substring(2);

  static final List<String> ACCEPTED_LOCATORS =
      List.of(
          "pmb1:http://127.0.0.1:8080" + LOCATOR_HASH,
          "pmb1:https://cdn.example.org/proofmint/task-12" + LOCATOR_HASH,
          "pmb1:http://[::1]:9000" + LOCATOR_HASH,
          "pmb1:http://[2001:db8::1:0:0:1]" + LOCATOR_HASH,
          "pmb1:https://h.example/" + "a".repeat(192 - 5 - 65 - 18) + LOCATOR_HASH);

  /** Locators section 12.3 refuses, each with the rule it breaks (insertion order kept). */
  static final Map<String, String> REFUSED_LOCATORS = refusedLocators();

  private static Map<String, String> refusedLocators() {
    Map<String, String> refused = new LinkedHashMap<>();
    String h = LOCATOR_HASH;
    refused.put("pmb2:http://h" + h, "version prefix other than pmb1:");
    refused.put("PMB1:http://h" + h, "prefix in upper case");
    refused.put("pmb1:http://h", "no '#' and manifest hash");
    refused.put("pmb1:http://h#" + h.substring(1).toUpperCase(), "hash not lower-case hex");
    refused.put("pmb1:http://h#0x" + h.substring(1), "hash with 0x");
    refused.put("pmb1:http://h#x" + h, "two '#'");
    refused.put("pmb1:http://h/a%2Fb" + h, "percent-encoding");
    refused.put("pmb1:http://h/a b" + h, "space (not printable ASCII 0x21..0x7e)");
    refused.put("pmb1:ftp://h" + h, "scheme other than http or https");
    refused.put("pmb1:HTTP://h" + h, "scheme in upper case");
    refused.put("pmb1:http://Host.example" + h, "host not lower case");
    refused.put("pmb1:http://u:p@h" + h, "user info");
    refused.put("pmb1:http://[0:0:0:0:0:0:0:1]" + h, "IPv6 zeros not compressed (write [::1])");
    refused.put("pmb1:http://[::0001]" + h, "IPv6 group with leading zeros (write [::1])");
    refused.put(
        "pmb1:http://[1:0:0:2:0:0:0:3]" + h, "not the longest zero run (write [1:0:0:2::3])");
    refused.put("pmb1:http://[1::2:0:0:0:3]" + h, "not the longest zero run (write [1:0:0:2::3])");
    refused.put("pmb1:http://[2001:DB8::1]" + h, "IPv6 in upper case (write [2001:db8::1])");
    refused.put("pmb1:http://[::ffff:127.0.0.1]" + h, "embedded IPv4 notation");
    refused.put("pmb1:http://h:0" + h, "port 0");
    refused.put("pmb1:http://h:65536" + h, "port above 65535");
    refused.put("pmb1:http://h:080" + h, "port with a leading zero");
    refused.put("pmb1:http://h:" + h, "empty port");
    refused.put("pmb1:http://h?q=1" + h, "query");
    refused.put("pmb1:http://h/" + h, "base ends with '/'");
    refused.put("pmb1:http://h//a" + h, "empty path segment");
    refused.put("pmb1:http://h/a/../b" + h, "'..' path segment");
    refused.put("pmb1:http://h/./b" + h, "'.' path segment");
    refused.put(
        "pmb1:https://h.example/" + "a".repeat(192 - 5 - 65 - 18 + 1) + h, "193 bytes (over 192)");
    return Collections.unmodifiableMap(refused);
  }

  private static ArtifactLocator parsed(String text) {
    try {
      return ArtifactLocator.parse(text);
    } catch (FormatException e) {
      throw new IllegalStateException("vector locator '%s' must parse".formatted(text), e);
    }
  }

  private static void refusedOrFail(String text) {
    try {
      ArtifactLocator.parse(text);
    } catch (FormatException expected) {
      return;
    }
    throw new IllegalStateException("vector locator '%s' must be refused".formatted(text));
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
