#!/usr/bin/env python3
"""Time per node-image as the network grows: runs `edgewise bench` on a small and a large ring in
alternation and prints each run's node-images/s and peak memory, and the median of the pairs'
ratios large / small (1.0: a node-image costs the same at both sizes).

  python3 bench/scale.py --pairs 2                       # N = 5 against N = 1,000
  python3 bench/scale.py --pairs 2 --large 200 --large-batch 64

The machine is noisy and shared: each pair runs small then large back to back, so a slow spell
hits both; only the pairs' ratios mean much. A large network's batch runs in parts of about 2,048
node images (CrnnTraining), so a smaller batch there (--large-batch, default 16) times the same
parts in fewer of them. Pretraining (untimed) is cut to one epoch on both sides. Standard library only.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def bench(args, nodes, batch, warmup, batches):
    command = [os.path.join(ROOT, "edgewise"), "bench", args.file, "--engine", args.engine, "--batches", str(batches),
               "--warmup", str(warmup), f"topology.nodes={nodes}", f"training.batch_size={batch}",
               "model.extractor.pretrain.epochs=1"] + args.override
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), MKL_NUM_THREADS=str(args.threads))
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    images = float(re.search(r"(\d+) node-images/s", result.stdout).group(1))
    peak = re.search(r"peak memory: (\d+) MB resident", result.stdout)
    return images, float(peak.group(1)) if peak else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", default=os.path.join(ROOT, "experiments", "quickstart.yaml"))
    parser.add_argument("--engine", default="mxnet", choices=["mxnet", "pytorch"])
    parser.add_argument("--small", type=int, default=5)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--small-batch", type=int, default=64)
    parser.add_argument("--large-batch", type=int, default=16)
    parser.add_argument("--pairs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("override", nargs="*", help="KEY.PATH=VALUE overrides for both sides")
    args = parser.parse_args()
    # About the same number of node-images timed on each side.
    small_batches = 100
    large_batches = max(2, round(small_batches * args.small * args.small_batch / (args.large * args.large_batch)))
    ratios = []
    for pair in range(1, args.pairs + 1):
        small = bench(args, args.small, args.small_batch, 10, small_batches)
        large = bench(args, args.large, args.large_batch, 1, large_batches)
        ratios.append(small[0] / large[0])
        print(f"pair {pair}: N = {args.small}: {small[0]:.0f} node-images/s, peak {small[1]:.0f} MB; "
              f"N = {args.large}: {large[0]:.0f} node-images/s, peak {large[1]:.0f} MB; "
              f"time per node-image large / small {small[0] / large[0]:.2f}", flush=True)
    print(f"median of the pairs' ratios (time per node-image, N = {args.large} over N = {args.small}): "
          f"{statistics.median(ratios):.2f} ({args.engine}, {args.threads} thread(s))")


if __name__ == "__main__":
    main()
