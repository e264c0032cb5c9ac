#!/usr/bin/python3
"""Debian's OpenBLAS sgemm through numpy, one thread, on GemmBenchmark's shapes.

    /usr/bin/python3 training-worker/bench/numpy_sgemm.py [rounds]

Needs Debian's python3-numpy and libopenblas0-pthread (apt-get install python3-numpy
libopenblas0-pthread); OPENBLAS_NUM_THREADS=1 is set before numpy loads. Prints a table and one JSON
object (last line). Best of `rounds` timed runs, each of enough products for ~0.2 GFLOP.
"""
import json
import os
import sys
import time

os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np  # noqa: E402

SHAPES = [  # name, transA, m, n, k: as GemmBenchmark.SHAPES
    ("forward 784->256 (row block)", False, 32, 256, 784),
    ("forward 784->256 (batch)", False, 128, 256, 784),
    ("forward 256->256", False, 32, 256, 256),
    ("forward 256->10", False, 32, 10, 256),
    ("backprop 256<-256", False, 32, 256, 256),
    ("backprop 256<-10", False, 32, 256, 10),
    ("grad 784x256 tile (A^T)", True, 64, 256, 128),
    ("grad 256x10 (A^T)", True, 64, 10, 128),
    ("square 256", False, 256, 256, 256),
    ("square 512", False, 512, 512, 512),
    ("square 1024", False, 1024, 1024, 1024),
]


def gflops(trans_a, m, n, k, rounds):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((k, m) if trans_a else (m, k), dtype=np.float32)
    b = rng.standard_normal((k, n), dtype=np.float32)
    c = rng.standard_normal((m, n), dtype=np.float32)
    op = a.T if trans_a else a
    repeats = max(1, int(2e8 / (2.0 * m * n * k)))
    best = float("inf")
    for r in range(rounds + 2):  # two warm-up rounds
        start = time.perf_counter()
        for _ in range(repeats):
            np.matmul(op, b, out=c)
        elapsed = (time.perf_counter() - start) / repeats
        if r >= 2:
            best = min(best, elapsed)
    return 2.0 * m * n * k / best / 1e9


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    rows = []
    for name, trans_a, m, n, k in SHAPES:
        g = gflops(trans_a, m, n, k, rounds)
        rows.append({"shape": name, "transA": trans_a, "m": m, "n": n, "k": k, "gflops": round(g, 2)})
        print(f"{name:30s} {m}x{n}x{k:<6d} {g:8.1f}")
    print(json.dumps({"numpy": np.__version__, "threads": 1, "rounds": rounds, "shapes": rows}))


if __name__ == "__main__":
    main()
