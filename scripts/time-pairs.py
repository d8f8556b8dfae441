#!/usr/bin/python3
"""Time two shell commands in turn and compare them pair by pair.

usage: scripts/time-pairs.py [-n PAIRS] [--warmup W] [--json] A_COMMAND B_COMMAND

Runs A, B, A, B, ... (after W unmeasured warm-up runs of each), measuring every run's wall
time and the user and system CPU time of the whole process tree (the shell and what it
starts). Prints the median, minimum and maximum of each, and of the ratios A/B taken pair by
pair, which cancel most of the drift of a shared machine. A command that fails stops the
comparison with its exit code. Used by scripts/bench-sweep.sh and for the comparisons in
docs/benchmarks.md.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run(command):
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, shell=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        sys.exit(f"time-pairs: `{command}` exited with {done.returncode}")
    user = after.children_user - before.children_user
    system = after.children_system - before.children_system
    return {"wall": wall, "user": user, "sys": system, "cpu": user + system}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="measured pairs (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs of each (1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("a")
    parser.add_argument("b")
    args = parser.parse_args()
    if args.n < 1:
        sys.exit("time-pairs: -n must be at least 1")
    for _ in range(args.warmup):
        run(args.a)
        run(args.b)
    pairs = [(run(args.a), run(args.b)) for _ in range(args.n)]
    keys = ["wall", "user", "sys", "cpu"]
    out = {"pairs": args.n, "a": args.a, "b": args.b}
    rows = []
    for side, index in (("a", 0), ("b", 1)):
        for k in keys:
            values = [p[index][k] for p in pairs]
            out[f"{side}_{k}_s"] = statistics.median(values)
            rows.append((f"{side.upper()} {k} s", values))
    for k in keys:
        ratios = [p[0][k] / p[1][k] for p in pairs if p[1][k] > 0]
        if ratios:
            out[f"ratio_{k}"] = statistics.median(ratios)
            rows.append((f"A/B {k}", ratios))
    if args.json:
        print(json.dumps(out))
        return
    print(f"A = {args.a}\nB = {args.b}\n{args.n} pairs, A and B in turn")
    print(f"{'':14}{'median':>10}{'min':>10}{'max':>10}")
    for name, values in rows:
        print(f"{name:14}{statistics.median(values):10.3f}{min(values):10.3f}{max(values):10.3f}")


if __name__ == "__main__":
    main()
