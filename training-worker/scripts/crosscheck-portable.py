#!/usr/bin/env python3
"""Recomputes docs/portable-vectors.json from docs/protocol.md sections 13.1 and 15 alone and
compares every bit. Shares no code with the Java engine: floats are emulated with Python's doubles
(one float32 rounding after each double operation, which is exact for + - * / and sqrt), fma is
computed exactly with fractions and rounded once, and the initial checkpoint is drawn from the
SplitMix64 / Box-Muller recipe of 13.1.

exp, log, pow, sin and cos come from the C library under Python's math module, not from fdlibm 5.3
as section 15.1 prescribes; both are faithful to within one ulp and agree on these inputs (if a
future vector hit an input where they differ, this script would report a mismatch, not hide it).

Usage: python3 training-worker/scripts/crosscheck-portable.py [path/to/portable-vectors.json]
Exits 1 on any mismatch."""
import json, math, os, re, struct, sys
from fractions import Fraction

ROOT_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FILE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT_DIR, "docs/portable-vectors.json")
V = json.load(open(FILE))

# ---- 15.1 number formats -------------------------------------------------------------------
def f32(x):
    """(float) x: the nearest binary32 (ties to even), as a Python float."""
    return struct.unpack("<f", struct.pack("<f", x))[0]

def from_bits(h): return struct.unpack(">f", bytes.fromhex(h))[0]
def bits(x): return struct.pack(">f", x).hex()
def negative(x): return math.copysign(1.0, x) < 0

def round_f32(q):
    """The binary32 nearest to the exact non-zero rational q, ties to even, subnormals kept."""
    sign = -1.0 if q < 0 else 1.0
    q = abs(q)
    e = q.numerator.bit_length() - q.denominator.bit_length()
    if Fraction(2) ** e > q: e -= 1
    ulp = max(e - 23, -149)
    scaled = q / Fraction(2) ** ulp
    n = scaled.numerator // scaled.denominator
    rest = scaled - n
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and n % 2 == 1): n += 1
    if Fraction(n) * Fraction(2) ** ulp >= Fraction(2) ** 128: return sign * math.inf
    return sign * math.ldexp(n, ulp)

def fma(a, b, c):
    """IEEE fusedMultiplyAdd on binary32: a * b + c exact, one rounding."""
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    if exact != 0: return round_f32(exact)
    product_negative = negative(a) != negative(b)
    if a * b == 0 and c == 0 and product_negative and negative(c): return -0.0
    return 0.0

def fmax(x, y):
    """Java Math.max on floats: max(-0.0, +0.0) = +0.0."""
    if x != x or y != y: return math.nan
    if x == 0 and y == 0: return y if negative(x) else x
    return x if x > y else y

def signum(x): return 1.0 if x > 0 else (-1.0 if x < 0 else x)
def fadd(a, b): return f32(a + b)
def fmul(a, b): return f32(a * b)
def fdiv(a, b): return f32(a / b)
def fsub(a, b): return f32(a - b)

# ---- 15.2 the chain product ----------------------------------------------------------------
def chain(init, pairs):
    acc = init
    for a, b in pairs: acc = fma(a, b, acc)
    return acc

# ---- 13.1 the initial checkpoint -----------------------------------------------------------
M64 = (1 << 64) - 1
GAMMA = 0x9e3779b97f4a7c15
def mix(z):
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
    return z ^ (z >> 31)

class Stream:
    def __init__(self, seed, ident):
        self.state = mix((seed & M64) ^ mix((ident + GAMMA) & M64))
        self.spare = None
    def next_long(self):
        self.state = (self.state + GAMMA) & M64
        return mix(self.state)
    def next_double(self): return (self.next_long() >> 11) * 2.0 ** -53
    def next_gaussian(self):
        if self.spare is not None:
            g, self.spare = self.spare, None
            return g
        u1 = 1.0 - self.next_double()
        u2 = self.next_double()
        r = math.sqrt(-2.0 * math.log(u1))
        a = (2.0 * struct.unpack(">d", bytes.fromhex("400921fb54442d18"))[0]) * u2
        self.spare = r * math.sin(a)
        return r * math.cos(a)

m = re.fullmatch(r"mlp\(layers=([0-9,]+),activation=relu,loss=softmax-xent-mean,batch=([0-9]+),"
                 r"adam\(lr=0x([0-9a-f]{8}),beta1=0x([0-9a-f]{8}),beta2=0x([0-9a-f]{8}),eps=0x([0-9a-f]{8})\)\)",
                 V["model"])
assert m, "model text: expected the MLP form of section 13, got " + V["model"]
SIZES = [int(n) for n in m.group(1).split(",")]
BATCH = int(m.group(2))
LR, BETA1, BETA2, EPS = (from_bits(m.group(i)) for i in range(3, 7))
L = len(SIZES) - 1

def initial_state(seed):
    state = {}
    for l in range(L):
        gen = Stream(seed, l)
        std = math.sqrt((2.0 if l < L - 1 else 1.0) / SIZES[l])
        state[f"layer{l}.weight"] = [f32(gen.next_gaussian() * std) for _ in range(SIZES[l] * SIZES[l + 1])]
        state[f"layer{l}.bias"] = [0.0] * SIZES[l + 1]
    params = list(state)
    for moment in ("m", "v"):
        for name in params: state[f"adam.{moment}.{name}"] = [0.0] * len(state[name])
    state["adam.step"] = [0.0]
    return state

# ---- 15.3 one step -------------------------------------------------------------------------
N0 = SIZES[0]
FEATURES = [from_bits(h) for h in V["features"]]
LABELS = V["labels"]

def step(state, indices):
    W = [state[f"layer{l}.weight"] for l in range(L)]
    b = [state[f"layer{l}.bias"] for l in range(L)]
    X = [FEATURES[i * N0:(i + 1) * N0] for i in indices]
    y = [LABELS[i] for i in indices]
    B = len(indices)
    # 1. forward
    A = [X]
    for l in range(L):
        n_in, n_out = SIZES[l], SIZES[l + 1]
        Z = [[chain(b[l][j], [(A[l][r][i], W[l][i * n_out + j]) for i in range(n_in)]) for j in range(n_out)]
             for r in range(B)]
        A.append([[fmax(z, 0.0) for z in row] for row in Z] if l < L - 1 else Z)
    # 2. loss and output delta
    D = [None] * L
    losses, delta = [], []
    for r in range(B):
        z = A[L][r]
        mx = z[0]
        for v in z[1:]: mx = fmax(mx, v)
        e = [math.exp(v - mx) for v in z]
        s = 0.0
        for v in e: s = s + v
        losses.append(math.log(s) - (z[y[r]] - mx))
        delta.append([f32((e[j] / s - (1.0 if j == y[r] else 0.0)) / B) for j in range(len(z))])
    D[L - 1] = delta
    total = 0.0
    for v in losses: total = total + v
    loss = f32(total / B)
    # 3. back-propagation
    for l in range(L - 1, 0, -1):
        n_in, n_out = SIZES[l], SIZES[l + 1]
        D[l - 1] = [[fmul(chain(0.0, [(D[l][r][j], W[l][i * n_out + j]) for j in range(n_out)]),
                          signum(A[l][r][i])) for i in range(n_in)] for r in range(B)]
    # 4. gradients
    grads = {}
    for l in range(L):
        n_in, n_out = SIZES[l], SIZES[l + 1]
        grads[f"layer{l}.weight"] = [chain(0.0, [(A[l][r][i], D[l][r][j]) for r in range(B)])
                                     for i in range(n_in) for j in range(n_out)]
        gb = []
        for j in range(n_out):
            acc = D[l][0][j]
            for r in range(1, B): acc = fadd(acc, D[l][r][j])
            gb.append(acc)
        grads[f"layer{l}.bias"] = gb
    return adam(state, grads), loss, grads

def adam(state, grads):
    # 5. Adam
    n = f32(state["adam.step"][0] + 1.0)
    step_size = fdiv(LR, f32(1.0 - math.pow(BETA1, n)))
    c2 = f32(math.sqrt(1.0 - math.pow(BETA2, n)))
    one_b1, one_b2 = fsub(1.0, BETA1), fsub(1.0, BETA2)
    out = dict(state)
    for name, g in grads.items():
        ms, vs, xs = state["adam.m." + name], state["adam.v." + name], state[name]
        new_m, new_v, new_x = [], [], []
        for gi, mi, vi, xi in zip(g, ms, vs, xs):
            m2 = fadd(fmul(BETA1, mi), fmul(one_b1, gi))
            v2 = fadd(fmul(BETA2, vi), fmul(one_b2, fmul(gi, gi)))
            d = fadd(fdiv(f32(math.sqrt(v2)), c2), EPS)
            new_m.append(m2); new_v.append(v2); new_x.append(fsub(xi, fmul(step_size, fdiv(m2, d))))
        out["adam.m." + name], out["adam.v." + name], out[name] = new_m, new_v, new_x
    out["adam.step"] = [n]
    return out

# ---- compare -------------------------------------------------------------------------------
failed, checked = 0, 0
def compare(what, ours, theirs):
    global failed, checked
    checked += 1
    mine = {k: [bits(x) for x in v] for k, v in ours.items()}
    if list(mine) != list(theirs):
        failed += 1
        print(f"MISMATCH  {what}: tensors {list(mine)}, file {list(theirs)}")
        return
    for name in theirs:
        if mine[name] != theirs[name]:
            failed += 1
            first = next(i for i, (a, b) in enumerate(zip(mine[name], theirs[name])) if a != b)
            print(f"MISMATCH  {what} {name}[{first}]: recomputed {mine[name][first]}, file {theirs[name][first]}")
            return
    print(f"ok        {what}: {len(theirs)} tensors, {sum(len(v) for v in theirs.values())} floats")

def listed(tensors): return {k: [from_bits(h) for h in v] for k, v in tensors.items()}

state = initial_state(V["initSeed"])
compare("initial state (13.1)", state, V["initial"])
before = V["initial"]
for t, expected in enumerate(V["steps"]):
    # Adam alone: the file's state before the step and its gradients give the file's state after.
    compare(f"Adam alone, step {t} (15.3 step 5)", adam(listed(before), listed(expected["gradients"])),
            expected["state"])
    before = expected["state"]
    state, loss, grads = step(state, expected["indices"])
    compare(f"gradients of step {t} (15.3 steps 1-4)", grads, expected["gradients"])
    checked += 1
    if bits(loss) == expected["loss"]: print(f"ok        step {t} loss {bits(loss)}")
    else:
        failed += 1
        print(f"MISMATCH  step {t} loss: recomputed {bits(loss)}, file {expected['loss']}")
    compare(f"state after step {t} (15.3)", state, expected["state"])
print(f"{checked - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
