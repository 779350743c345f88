#!/usr/bin/env python3
"""Runs `edgewise bench` and the PyTorch eager peer (bench/crnn_torch.py) in alternation and prints
each side's median samples/s and the ratio edgewise / PyTorch.

The machine is noisy and shared: one measurement of each is not a comparison. Pairs are run one
after the other (edgewise, then PyTorch, then edgewise, ...), so slow spells hit both sides; the
ratio reported is the median of the pairs' own ratios (each pair shares one stretch of machine
load), beside each side's median.

  /usr/bin/python3 bench/alternate.py --pairs 3 --engine pytorch
  /usr/bin/python3 bench/alternate.py --pairs 3 --engine mxnet --nodes 40

Both sides run one native thread unless --threads says otherwise, the same model (N, f_in, v, R,
batch from the experiment file, N overridable) and the same number of timed batches. Only the
standard library is used; the peer needs Debian's python3-torch (run with /usr/bin/python3).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def edgewise(args):
    command = [os.path.join(ROOT, "edgewise"), "bench", args.file, "--engine", args.engine, "--batches", str(args.batches),
               "--warmup", str(args.warmup), f"topology.nodes={args.nodes}"] + args.override
    out = run(command, args)
    speed = float(re.search(r"training throughput: (\d+) samples/s \(median\)", out).group(1))
    peak = re.search(r"peak memory: (\d+) MB resident", out)
    return speed, float(peak.group(1)) if peak else float("nan")


def torch(args):
    spec = spec_values(args)
    command = [args.python, os.path.join(ROOT, "bench", "crnn_torch.py"), "--nodes", str(args.nodes), "--threads", str(args.threads),
               "--batches", str(args.batches), "--warmup", str(args.warmup), "--features", spec["features"], "--v", spec["v"],
               "--rounds", spec["rounds"], "--batch", spec["batch"]]
    out = run(command, args)
    found = re.search(r"RESULT nodes=\d+ samples_per_second=([\d.]+) \S+ peak_rss_mb=(\d+)", out)
    return float(found.group(1)), float(found.group(2))


def spec_values(args):
    """f_in, v, R and batch from `edgewise validate`'s view of the file would need a JVM; read the plain YAML keys."""
    text = open(args.file, encoding="utf-8").read()

    def key(name, default):
        found = re.search(r"^\s*" + name + r":\s*(\d+)", text, re.MULTILINE)
        return found.group(1) if found else default

    return {"features": key("features", "25"), "v": key("message_size", "2"), "rounds": key("rounds", "5"),
            "batch": key("batch_size", "64")}


def run(command, args):
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), MKL_NUM_THREADS=str(args.threads))
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", default=os.path.join(ROOT, "experiments", "quickstart.yaml"))
    parser.add_argument("--engine", default="mxnet", choices=["mxnet", "pytorch"])
    parser.add_argument("--nodes", type=int, default=5)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batches", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--python", default="/usr/bin/python3", help="the interpreter that has torch (Debian's)")
    parser.add_argument("override", nargs="*", help="KEY.PATH=VALUE overrides for edgewise bench")
    args = parser.parse_args()
    ours, theirs = [], []
    for pair in range(1, args.pairs + 1):
        e = edgewise(args)
        t = torch(args)
        ours.append(e)
        theirs.append(t)
        print(f"pair {pair}: edgewise ({args.engine}) {e[0]:.0f} samples/s, peak {e[1]:.0f} MB; "
              f"PyTorch eager {t[0]:.0f} samples/s, peak {t[1]:.0f} MB; ratio {e[0] / t[0]:.2f}", flush=True)
    e_median = statistics.median(x[0] for x in ours)
    t_median = statistics.median(x[0] for x in theirs)
    ratios = statistics.median(e[0] / t[0] for e, t in zip(ours, theirs))
    print(f"median of {args.pairs}: edgewise ({args.engine}) {e_median:.0f} samples/s, PyTorch eager {t_median:.0f} samples/s; "
          f"median of the pairs' ratios {ratios:.2f} (N = {args.nodes}, {args.threads} thread(s))")


if __name__ == "__main__":
    main()
