#!/usr/bin/python3
"""PyTorch reference for TrainingBenchmark: the same MLP, batch and Adam step, on the CPU.

Run with Debian's interpreter and packages (apt-get install python3-torch libopenblas0-pthread):

    /usr/bin/python3 training-worker/bench/torch_mlp.py --layers 784,256,256,10 --batch 128 \
        --steps 300 --warmup 50 --threads 1,2

Prints one JSON object. The data matches the Java benchmark's shape, not its values: 8192 examples
of N(0, 1) features with uniformly random labels (no signal, so the loss and gradients keep their
size for the whole run).

Each thread count runs in its own process with OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set to it
before torch loads: Debian's torch calls the system OpenBLAS (pthreads), which reads its thread
count at load time and ignores torch.set_num_threads.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time


def build(layers):
    import torch

    modules = []
    for i in range(len(layers) - 1):
        modules.append(torch.nn.Linear(layers[i], layers[i + 1]))
        if i < len(layers) - 2:
            modules.append(torch.nn.ReLU())
    return torch.nn.Sequential(*modules)


def steps_per_second(layers, batch, steps, warmup, threads):
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(20260101)
    features = torch.randn(8192, layers[0])
    labels = torch.randint(0, layers[-1], (8192,))
    model = build(layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(1)

    def step():
        idx = torch.randint(0, features.shape[0], (batch,), generator=generator)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(features[idx]), labels[idx])
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(warmup):
        step()
    cpu_start = time.process_time()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    return steps / seconds, steps / cpu_seconds


def matmul_flops(layers, batch):
    flops = 0
    for i in range(len(layers) - 1):
        product = 2 * batch * layers[i] * layers[i + 1]
        flops += 2 * product if i == 0 else 3 * product
    return flops


def one_thread_count(args, layers, flops, threads):
    """Runs in a child process whose BLAS and OpenMP thread counts are already set."""
    import torch

    rate, cpu_rate = steps_per_second(layers, args.batch, args.steps, args.warmup, threads)
    return {
        "torch": torch.__version__,
        "stepsPerSecond": round(rate, 2),
        "gflops": round(rate * flops / 1e9, 2),
        "stepsPerCpuSecond": round(cpu_rate, 2),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--layers", default="784,256,256,10")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    layers = [int(x) for x in args.layers.split(",")]
    flops = matmul_flops(layers, args.batch)
    counts = [int(x) for x in args.threads.split(",")]
    if args.child:
        print(json.dumps(one_thread_count(args, layers, flops, counts[0])))
        return
    result = {
        "machine": {
            "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "loadAverage": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        },
        "model": args.layers,
        "batch": args.batch,
        "matmulFlopsPerStep": flops,
        "steps": args.steps,
        "warmup": args.warmup,
        "torch": {},
    }
    for threads in counts:
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
        child = [sys.executable, os.path.abspath(__file__), "--child", "--threads", str(threads),
                 "--layers", args.layers, "--batch", str(args.batch), "--steps", str(args.steps),
                 "--warmup", str(args.warmup)]
        out = subprocess.run(child, env=env, check=True, capture_output=True, text=True).stdout
        result["torch"][f"threads{threads}"] = json.loads(out.strip().splitlines()[-1])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
