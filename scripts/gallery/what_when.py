#!/usr/bin/python3
"""Readout responses of resources/examples/what_when.json on catch trials.

Usage: /usr/bin/python3 scripts/gallery/what_when.py RUN.h5 [--from-ms MS] [--figure OUT.png]

RUN.h5 is the archive of `plexus-cli run resources/examples/what_when.json --h5 RUN.h5`.
Each trial's cue is the cue group that fired most in [0, cue_ms) of the trial, its target the
target group that fired most in the target window (none when no group fired more than 20
spikes there: a catch trial). For the catch trials from --from-ms on (default: the second
half of the run) it prints, per cue c and readout k, P(target k | cue c), the time of the
readout's peak rate after the cue onset (10 ms bins smoothed over the target's 50 ms), its mean
rate in the target window and in the last 100 ms of the trial, each readout's peak over the
catch trials of both cues (as TestGalleryWhatWhen measures it), and the correlation of the
window rates with the probabilities. The paradigm's numbers are read from the project stored in
the archive. --figure draws the rates with matplotlib.
"""
import json
import sys

import h5py
import numpy as np


def main():
    path = sys.argv[1]
    from_ms = float(sys.argv[sys.argv.index("--from-ms") + 1]) if "--from-ms" in sys.argv else None
    f = h5py.File(path, "r")
    raw = f["meta/project_json"][()]
    project = json.loads(raw.decode() if isinstance(raw, bytes) else raw)
    cues = next(s for s in project["stimuli"] if s["model"] == "cue_target")
    p = cues["params"]
    C, T = int(p["cue_groups"]), int(p["target_groups"])
    G = cues["size"] // (C + T)
    period, cue_ms = p["period_ms"], p["cue_ms"]
    t_on = cue_ms + p["delay_min_ms"]
    t_off = t_on + p["target_ms"]
    ct = f["populations/Cues/spikes/times_ms"][:]
    cn = f["populations/Cues/spikes/neurons"][:]
    duration = project["simulation"]["duration_s"] * 1000.0
    if from_ms is None:
        from_ms = duration / 2
    readouts = [f[f"populations/readout_{k}/spikes/times_ms"][:] for k in range(T)]
    sizes = [next(q["size"] for q in project["populations"] if q["name"] == f"readout_{k}")
             for k in range(T)]
    bins = np.arange(0.0, period + 1e-9, 10.0)
    psth = {}
    for n in range(int(duration // period)):
        t0 = n * period
        if t0 < from_ms:
            continue
        m = (ct >= t0) & (ct < t0 + cue_ms)
        cue = int(np.argmax(np.bincount(cn[m] // G, minlength=C + T)[:C]))
        m = (ct >= t0 + t_on) & (ct < t0 + t_off)
        if np.bincount(cn[m] // G, minlength=C + T)[C:].max() > 20:
            continue  # a target was shown: not a catch trial
        for k in range(T):
            h, _ = np.histogram(readouts[k] - t0, bins)
            psth.setdefault((cue, k), []).append(h / sizes[k] / 0.01)
    probs, rates, curves = [], [], {}

    def peak(h):
        s = np.convolve(h, np.ones(5) / 5, mode="same")
        return bins[np.argmax(s)] + 5
    print("cue readout P(k|c) catch_trials peak_ms window_hz late_hz")
    for (c, k), hs in sorted(psth.items()):
        h = np.mean(hs, axis=0)
        prob = (1 - p["p_catch"]) * (p["p_valid"] if k == c % T else (1 - p["p_valid"]) / (T - 1))
        win = (bins[:-1] >= t_on) & (bins[:-1] < t_off)
        late = bins[:-1] >= period - 100
        curves[(c, k)] = (prob, len(hs), h)
        print(f"{c} {k} {prob:.4f} {len(hs)} {peak(h):.0f} {h[win].mean():.2f} "
              f"{h[late].mean():.2f}")
        probs.append(prob)
        rates.append(h[win].mean())
    print(f"target window [{t_on:.0f}, {t_off:.0f}) ms after the cue onset; correlation of the "
          f"window rates with P(k|c): {np.corrcoef(probs, rates)[0, 1]:.3f}")
    for k in range(T):
        hs = [h for (c, kk), (_, _, h) in curves.items() if kk == k]
        ns = [n for (c, kk), (_, n, _) in curves.items() if kk == k]
        pooled = sum(h * n for h, n in zip(hs, ns)) / sum(ns)
        print(f"readout {k}: peak over the catch trials of both cues {peak(pooled):.0f} ms "
              f"(target onset {t_on:.0f} ms)")
    if "--figure" in sys.argv:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, T, figsize=(9, 3.2), sharey=True)
        for k in range(T):
            ax = axes[k]
            ax.axvspan(0, cue_ms, color="0.85", label="cue")
            ax.axvspan(t_on, t_off, color="#fde0b0", label="target (not shown)")
            for c in range(C):
                prob, n, h = curves[(c, k)]
                ax.plot(bins[:-1] + 5, np.convolve(h, np.ones(5) / 5, mode="same"),
                        label=f"cue {c}: P(target {k}) = {prob:.2f}")
            ax.set_title(f"readout_{k}")
            ax.set_xlabel("time after cue onset (ms)")
            ax.legend(fontsize=7, loc="upper right")
        axes[0].set_ylabel("rate (Hz, catch trials)")
        fig.tight_layout()
        fig.savefig(sys.argv[sys.argv.index("--figure") + 1], dpi=120)


if __name__ == "__main__":
    main()
