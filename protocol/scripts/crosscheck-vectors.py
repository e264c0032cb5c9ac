#!/usr/bin/env python3
"""Recomputes docs/protocol-vectors.json from docs/protocol.md alone, with Foundry's cast
(keccak, abi-encode) and Python's struct, and compares every value. Shares no code with the
Java implementation. Usage: python3 protocol/scripts/crosscheck-vectors.py [path/to/cast]
Exits 1 on any mismatch."""
import hashlib, json, os, struct, subprocess, sys

ROOT_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CAST = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT_DIR, "contracts/node_modules/.bin/cast")
VECTORS = json.load(open(os.path.join(ROOT_DIR, "docs/protocol-vectors.json")))

def cast(*args): return subprocess.check_output([CAST, *args], text=True).strip()
def k_str(s): return cast("keccak", s)
def k_bytes(b): return subprocess.check_output([CAST, "keccak"], input="0x" + b.hex(), text=True).strip()
def k_hex(h): return k_bytes(bytes.fromhex(h[2:]))
def enc(sig, *v): return bytes.fromhex(cast("abi-encode", sig, *[str(x) for x in v])[2:])
def H(h): return bytes.fromhex(h[2:])
ZERO = b"\0" * 32
REG = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
TRAINER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"

def node(a, b): return H(k_bytes(b"\x01" + a + b))
def tree(leaves):
    p = 1
    while p < len(leaves): p *= 2
    level = leaves + [ZERO] * (p - len(leaves))
    levels = [level]
    while len(level) > 1:
        level = [node(level[2 * i], level[2 * i + 1]) for i in range(len(level) // 2)]
        levels.append(level)
    return levels
def root_of(leaves): return tree(leaves)[-1][0]

# Sections 1, 2, 4: leaves, root, proof
C = [k_str(f"proofmint.vectors.ckpt.{i}") for i in range(6)]
B = [k_str(f"proofmint.vectors.batch.{t}") for t in range(10)]
L = [struct.unpack(">I", struct.pack(">f", 2.5 - 0.125 * t))[0] for t in range(10)]
leaves = []
for i in range(5):
    batches = k_bytes(H(B[2 * i]) + H(B[2 * i + 1]))
    losses = k_bytes(struct.pack(">II", L[2 * i], L[2 * i + 1]))
    body = enc("f(bytes32,uint256,address,uint256,address,uint256,bytes32,bytes32,bytes32,bytes32)",
               k_str("proofmint.leaf.v1"), 31337, REG, 1, TRAINER, i, C[i], C[i + 1], batches, losses)
    leaves.append(H(k_bytes(b"\x00" + body)))
levels = tree(leaves)
root = "0x" + levels[-1][0].hex()
proof3 = ["0x" + levels[d][(3 >> d) ^ 1].hex() for d in range(3)]
# Section 5: seed and samples
seed = k_hex("0x" + enc("f(bytes32,uint256,bytes32)", k_str("proofmint.vectors.block"), 1, root).hex())
sampled = [int(k_bytes(enc("f(bytes32,bytes32,uint256)", seed, root, j)), 16) % 5 for j in range(4)]
# Section 6: EIP-712
ds = k_bytes(enc("f(bytes32,bytes32,bytes32,uint256,address)",
                 k_str("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                 k_str("Proofmint TrainingRegistry"), k_str("1"), 31337, REG))
def digest(verdict, failing):
    struct_hash = k_bytes(enc("f(bytes32,uint256,bytes32,bytes32,uint8,uint256)",
        k_str("Attestation(uint256 taskId,bytes32 root,bytes32 seed,uint8 verdict,uint256 failingSegment)"),
        1, root, seed, verdict, failing))
    return k_bytes(b"\x19\x01" + H(ds) + H(struct_hash))

# Section 7: checkpoint encoding and hash
def ckpt_hash(data):
    n = max(1, -(-len(data) // 65536))
    chunk_leaves = [hashlib.sha256(b"\x00" + data[i * 65536:(i + 1) * 65536]).digest() for i in range(n)]
    return k_bytes(b"\x02" + enc("f(bytes32,uint256,bytes32)", k_str("proofmint.checkpoint.v2"),
                                   len(data), "0x" + root_of(chunk_leaves).hex()))
def encode_ckpt(step, spec, tensors):
    out = b"PMCK" + struct.pack("<I", 1) + spec + struct.pack("<QI", step, len(tensors))
    for name, shape, _ in tensors:
        raw = name.encode()
        out += struct.pack("<H", len(raw)) + raw + bytes([1, len(shape)]) + struct.pack("<%dI" % len(shape), *shape)
    for _, _, data in tensors:
        out += struct.pack("<%df" % len(data), *data)
    return out
spec = H(k_str("proofmint.vectors.spec"))
tiny = encode_ckpt(5, spec, [("w", [2, 2], [1.0, -2.0, 0.5, 3.0]), ("b", [2], [0.0, -0.0])])
ramp = encode_ckpt(0, spec, [("ramp", [40000], [float(i) for i in range(40000)])])

# Section 8: dataset
shards = []
for lo in range(0, 10, 4):
    hi = min(10, lo + 4)
    feats = [x for i in range(lo, hi) for x in (float(i), float(-i))]
    labels = [i % 3 for i in range(lo, hi)]
    shards.append(b"PMDS" + struct.pack("<IIII", 1, 2, 3, len(labels))
                  + struct.pack("<%df" % len(feats), *feats) + struct.pack("<%di" % len(labels), *labels))
shard_hashes = [H(k_bytes(s)) for s in shards]
counts = [4, 4, 2]
dataset_leaves = [H(k_bytes(b"\x00" + enc("f(bytes32,uint256,bytes32,uint256)", k_str("proofmint.dataset.leaf.v1"),
                                            i, "0x" + shard_hashes[i].hex(), counts[i]))) for i in range(3)]
dataset_root = k_bytes(b"\x02" + enc("f(bytes32,bytes32,uint256,uint256,uint256,uint256)", k_str("proofmint.dataset.v1"),
                                       "0x" + root_of(dataset_leaves).hex(), 3, 10, 2, 3))

# Section 9: batches
task_seed = k_bytes(enc("f(bytes32,uint256,address,uint256,bytes32)", k_str("proofmint.batch.v1"), 31337, REG, 1, C[0]))
def indices(t, size, total):
    out = []
    for j in range(size):
        block = H(k_bytes(enc("f(bytes32,uint256,uint256)", task_seed, t, j // 4)))
        out.append(int.from_bytes(block[8 * (j % 4):8 * (j % 4) + 8], "big") % total)
    return out
def batch_hash(t, idx):
    head = enc("f(bytes32,bytes32,uint256,uint256)", k_str("proofmint.batchhash.v1"), dataset_root, t, len(idx))
    return k_bytes(head + b"".join(i.to_bytes(8, "big") for i in idx))

# Section 7.3: chunk proofs of the three-chunk checkpoint
def chunk_proof(data, i):
    n = max(1, -(-len(data) // 65536))
    chunk = data[i * 65536:(i + 1) * 65536]
    leaves = [hashlib.sha256(b"\x00" + data[j * 65536:(j + 1) * 65536]).digest() for j in range(n)]
    levels = tree(leaves)
    siblings = ["0x" + levels[d][(i >> d) ^ 1].hex() for d in range(len(levels) - 1)]
    return len(chunk), "0x" + hashlib.sha256(b"\x00" + chunk).hexdigest(), siblings
def fold(leaf, i, siblings):
    h = H(leaf)
    for d, s in enumerate(siblings):
        h = node(h, H(s)) if (i >> d) & 1 == 0 else node(H(s), h)
    return h

# Section 13: the spec-hash text, assembled field by field
def f32hex(x): return "0x" + struct.pack(">f", x).hex()
spec_text = ("proofmint.model.v1|mlp(layers=5,4,3,activation=relu,loss=softmax-xent-mean,batch=3,"
             f"adam(lr={f32hex(0.01)},beta1={f32hex(0.9)},beta2={f32hex(0.999)},eps={f32hex(1e-8)}))"
             "|proofmint-profile/1;backend=jvm-portable;dtype=float32;engine=2|mode=exact|init=7"
             "|dataset=" + k_str("proofmint.vectors.dataset"))

# Section 12.3: the locator rules, written again from the text (ipaddress gives RFC 5952's form)
import ipaddress, re
def locator_ok(text):
    if len(text.encode()) > 192 or any(not 0x21 <= ord(c) <= 0x7e for c in text): return False
    if not text.startswith("pmb1:") or text.count("#") != 1 or "%" in text: return False
    base, digest_hex = text[5:].split("#")
    if not re.fullmatch(r"[0-9a-f]{64}", digest_hex): return False
    m = re.fullmatch(r"(http|https)://(\[[^\]/]*\]|[^:/\[\]@?]+)(?::([^/]*))?((?:/[^/?]*)*)", base)
    if not m: return False
    host, port, path = m.group(2), m.group(3), m.group(4)
    if host.startswith("["):
        try: canonical = ipaddress.IPv6Address(host[1:-1]).compressed
        except ValueError: return False
        if host[1:-1] != canonical or "." in host: return False
    elif host != host.lower() or not re.fullmatch(r"[a-z0-9.-]+", host): return False
    if port is not None and not (re.fullmatch(r"[1-9][0-9]*", port) and int(port) <= 65535): return False
    if path and any(seg in ("", ".", "..") for seg in path.split("/")[1:]): return False
    return True

v = VECTORS
checks = [
    ("segment leaves", ["0x" + l.hex() for l in leaves], [l["leaf"] for l in v["segments"]["leaves"]]),
    ("segment root", root, v["segments"]["root"]),
    ("proof of segment 3", proof3, v["segments"]["proof"]["siblings"]),
    ("challenge seed", seed, v["challenge"]["seed"]),
    ("sampled segments", sampled, v["challenge"]["sampledSegments"]),
    ("domain separator", ds, v["eip712"]["domainSeparator"]),
    ("VALID digest", digest(1, 0), v["eip712"]["valid"]["digest"]),
    ("FRAUD digest", digest(2, sampled[0]), v["eip712"]["fraud"]["digest"]),
    ("UNAVAILABLE digest", digest(3, 0), v["eip712"]["unavailable"]["digest"]),
    ("tiny checkpoint encoding", "0x" + tiny.hex(), v["offchain"]["tinyCheckpoint"]["encoding"]),
    ("tiny checkpoint hash", ckpt_hash(tiny), v["offchain"]["tinyCheckpoint"]["checkpointHash"]),
    ("3-chunk checkpoint length", len(ramp), v["offchain"]["threeChunkCheckpoint"]["encodedLength"]),
    ("3-chunk checkpoint hash", ckpt_hash(ramp), v["offchain"]["threeChunkCheckpoint"]["checkpointHash"]),
    ("shard 0 encoding", "0x" + shards[0].hex(), v["offchain"]["dataset"]["shard0Encoding"]),
    ("shard hashes", ["0x" + h.hex() for h in shard_hashes], v["offchain"]["dataset"]["shardHashes"]),
    ("dataset root", dataset_root, v["offchain"]["dataset"]["root"]),
    ("task seed", task_seed, v["offchain"]["batch"]["taskSeed"]),
]
seed_inputs = v["offchain"]["batch"]["taskSeedInputs"]
checks += [
    ("task seed inputs", [k_str("proofmint.batch.v1"), 31337, REG, "1", C[0]],
     [seed_inputs["domainHash"], seed_inputs["chainId"], seed_inputs["registry"], seed_inputs["taskId"],
      seed_inputs["parentCheckpoint"]]),
    ("spec-hash canonical text", spec_text, v["offchain"]["specHash"]["canonical"]),
    ("spec hash", k_str(spec_text), v["offchain"]["specHash"]["specHash"]),
]
ramp_hash = ckpt_hash(ramp)
for listed in v["offchain"]["threeChunkCheckpoint"]["chunkProofs"]:
    i = listed["index"]
    length, leaf, siblings = chunk_proof(ramp, i)
    checks.append((f"chunk {i} proof", [length, leaf, siblings],
                   [listed["chunkLength"], listed["chunkLeaf"], listed["siblings"]]))
    bound = k_bytes(b"\x02" + enc("f(bytes32,uint256,bytes32)", k_str("proofmint.checkpoint.v2"), len(ramp),
                                  "0x" + fold(leaf, i, siblings).hex()))
    checks.append((f"chunk {i} proof folds to the checkpoint hash", bound, ramp_hash))
locators = v["offchain"]["locators"]
checks.append(("locators accepted", [locator_ok(t) for t in locators["accepted"]], [True] * len(locators["accepted"])))
checks.append(("locators refused", [locator_ok(r["locator"]) for r in locators["refused"]],
               [False] * len(locators["refused"])))
for t in (0, 1):
    idx = indices(t, 5, 10)
    checks.append((f"step {t} indices", idx, v["offchain"]["batch"][f"step{t}"]["indices"]))
    checks.append((f"step {t} batch hash", batch_hash(t, idx), v["offchain"]["batch"][f"step{t}"]["batchHash"]))
failed = 0
for name, ours, theirs in checks:
    ok = ours == theirs
    failed += not ok
    print(("ok        " if ok else "MISMATCH  ") + name + ("" if ok else f": recomputed {ours}, file {theirs}"))
print(f"{len(checks) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
