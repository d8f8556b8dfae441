#!/usr/bin/python3
"""docs/gallery-delays.png: direction tuning over speed and classification accuracy with delays.

Usage (from the repository root, after building plexus-cli and TestGalleryDelays):
    /usr/bin/python3 scripts/gallery/delays_figure.py BUILD_DIR OUT.png

Runs resources/examples/motion_delays.json with plexus-cli twice (the delays of
motion_delays_edges.csv, and a copy of it with every delay 8 ms), counts the spikes of D per
trial, and runs `TestGalleryDelays learnedDelaysClassifyBest` with PATTERN_SEEDS=5 and
PATTERN_TRIALS=100 for the accuracies. Prints the numbers it plots.
"""
import csv
import collections
import json
import math
import os
import subprocess
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "resources", "examples", "motion_delays.json")
SPEEDS = [12.5, 25, 50, 100, 200]


def tuning(cli, edges_file, work):
    """Spikes per sweep, preferred and null, at each speed (both units pooled)."""
    project = json.load(open(EXAMPLE))
    project["projections"][0]["connectivity"]["file"] = edges_file
    path = os.path.join(work, "motion.json")
    json.dump(project, open(path, "w"), indent=2)
    out = os.path.join(work, "run")
    subprocess.run([cli, "run", path, "--out", out], check=True, stdout=subprocess.DEVNULL)
    conditions = [c["name"] for c in project["protocol"]["conditions"]]
    trial_ms = project["protocol"]["trial_ms"]
    trials = project["protocol"]["trials"]
    counts = collections.Counter()
    for row in csv.DictReader(open(os.path.join(out, "spikes_spikes_D.csv"))):
        slot = int(float(row["time_ms"]) // trial_ms)  # interleaved: slot j is condition j mod C
        counts[(conditions[slot % len(conditions)], int(row["neuron"]))] += 1
    preferred, null = [], []
    for s in SPEEDS:
        v = f"{s:g}"
        preferred.append((counts[(f"right_{v}", 0)] + counts[(f"left_{v}", 1)]) / (2 * trials))
        null.append((counts[(f"left_{v}", 0)] + counts[(f"right_{v}", 1)]) / (2 * trials))
    return preferred, null


def accuracies(build):
    env = dict(os.environ, PATTERN_SEEDS="5", PATTERN_TRIALS="100")
    exe = os.path.join(build, "tests", "gallery", "TestGalleryDelays")
    text = subprocess.run([exe, "learnedDelaysClassifyBest"], env=env, check=True,
                          capture_output=True, text=True).stdout
    rows = [line.split(",") for line in text.splitlines() if line[:1].isdigit()]
    return {k: [float(r[i]) for r in rows]
            for i, k in enumerate(["none", "random", "learned", "learned_eta0"], start=1)}


def ci95(values):
    # Student t, 4 degrees of freedom for 5 seeds.
    t = {2: 12.706, 3: 4.303, 4: 3.182, 5: 2.776, 6: 2.571}[len(values)]
    m = sum(values) / len(values)
    sd = math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))
    return m, t * sd / math.sqrt(len(values))


def main():
    build, png = sys.argv[1], sys.argv[2]
    cli = os.path.join(build, "app", "cli", "plexus-cli")
    with tempfile.TemporaryDirectory() as work:
        edges = os.path.join(ROOT, "resources", "examples", "motion_delays_edges.csv")
        het = tuning(cli, edges, work)
        equal = os.path.join(work, "equal.csv")
        with open(edges) as f, open(equal, "w") as g:
            g.write(next(f))
            for line in f:
                s, t, w, _ = line.strip().split(",")
                g.write(f"{s},{t},{w},8\n")
        eq = tuning(cli, equal, work)
    print("speed_mm_s,preferred,null,equal_preferred,equal_null")
    for i, s in enumerate(SPEEDS):
        print(f"{s:g},{het[0][i]:.3f},{het[1][i]:.3f},{eq[0][i]:.3f},{eq[1][i]:.3f}")
    acc = accuracies(build)
    print("setting,mean,ci95,seeds")
    for k, v in acc.items():
        m, h = ci95(v)
        print(f"{k},{m:.3f},{h:.3f}," + " ".join(f"{x:.3f}" for x in v))

    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.6), gridspec_kw={"width_ratios": [1.3, 1]})
    ax = axes[0]
    ax.plot(SPEEDS, het[0], "o-", color="tab:blue", label="delays, preferred")
    ax.plot(SPEEDS, het[1], "o--", color="tab:blue", alpha=0.6, label="delays, opposite")
    ax.plot(SPEEDS, eq[0], "s-", color="tab:gray", label="equal delays, preferred")
    ax.plot(SPEEDS, eq[1], "s--", color="black", ms=9, mfc="none", zorder=3,
            label="equal delays, opposite")
    ax.set_xscale("log")
    ax.set_xticks(SPEEDS)
    ax.set_xticklabels([f"{s:g}" for s in SPEEDS])
    ax.set_xlabel("sweep speed (mm/s)")
    ax.set_ylabel("spikes per sweep")
    ax.set_ylim(-0.05, 1.25)
    ax.set_title("Direction tuning (tuned to 50 mm/s)", fontsize=10)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(0.0, 0.62), frameon=False)
    ax = axes[1]
    names = ["none", "random", "learned"]
    labels = ["no delays", "fixed random", "learned"]
    stats = [ci95(acc[n]) for n in names]
    ax.bar(labels, [s[0] for s in stats], yerr=[s[1] for s in stats], capsize=4,
           color=["tab:gray", "tab:orange", "tab:green"])
    for i, n in enumerate(names):
        ax.plot([i] * len(acc[n]), acc[n], "k.", ms=4)
    ax.axhline(0.25, color="k", lw=0.8, ls=":")
    ax.text(2.45, 0.27, "chance", fontsize=7, ha="right")
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("test accuracy (4 classes)")
    ax.set_title("Temporal patterns, 5 seeds (95 % CI)", fontsize=10)
    fig.tight_layout()
    fig.savefig(png, dpi=150)


if __name__ == "__main__":
    main()
