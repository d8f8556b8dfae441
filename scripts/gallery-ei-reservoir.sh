#!/usr/bin/env bash
# Reproduces the numbers and the figure of docs/gallery.md, section 2 (self-adapting E/I
# reservoir): resources/examples/ei_adaptive_reservoir.json at full size, 5 seeds each,
#   - globally tuned: static I->E (learning rate 0) at inhibition scales g = 0.25 .. 3
#     (I->E weight -2 g mV: K_IE |w| = g K_EE <w_EE> with K_EE = 80, <w_EE> = 0.5, K_IE = 20);
#   - local adaptation from g = 0.25 with heterogeneous targets (the example as it is);
#   - local adaptation with one target for all (rho0_cv 0).
# Memory capacity and NARMA-10 NRMSE are plexus-cli's sweep metrics; the table (mean, 95 %
# confidence interval over seeds) and docs/gallery-ei-reservoir.png come from the sweep archives.
# Usage: scripts/gallery-ei-reservoir.sh [OUTDIR]   (default build/gallery-ei-reservoir)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${PLEXUS_CLI:-build/app/cli/plexus-cli}
example=resources/examples/ei_adaptive_reservoir.json
out=${1:-build/gallery-ei-reservoir}
mkdir -p "$out"
metrics=memory_capacity:E,narma_nrmse:E,rate:E,rate:I
eta=/projections/4/synapse/params/eta
cv=/projections/4/synapse/params/rho0_cv
common=(--repeat 5 --seed 1 --metrics "$metrics" --workers 2 --json)

"$cli" sweep "$example" --param "$eta=0" \
    --param 'projections.I->E.weight=-0.5,-1,-1.5,-2,-3,-4,-6' "${common[@]}" --out "$out/global.h5"
"$cli" sweep "$example" --param "$eta=0.1" "${common[@]}" --out "$out/local.h5"
"$cli" sweep "$example" --param "$cv=0" "${common[@]}" --out "$out/local_homogeneous.h5"

/usr/bin/python3 - "$out" docs/gallery-ei-reservoir.png <<'PY'
import sys, h5py, numpy as np
from scipy import stats
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out, png = sys.argv[1], sys.argv[2]

def load(name):
    p = h5py.File(f"{out}/{name}.h5", "r")["points"]
    cols = {k: p[k][:] for k in p.keys() if k not in ("summary", "status", "error")}
    return cols

def ci(x):
    x = np.asarray(x, float)
    m = x.mean()
    h = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x))
    return m, h

g = load("global")
w = g["projections.I->E.weight"]
scales = sorted(set(-w / 2.0))
rows = {}
for s in scales:
    sel = np.isclose(-w / 2.0, s)
    rows[s] = {k: ci(g[k][sel]) for k in ("memory_capacity:E", "narma_nrmse:E", "rate:E", "rate:I")}
loc = {n: {k: ci(d[k]) for k in ("memory_capacity:E", "narma_nrmse:E", "rate:E", "rate:I")}
       for n, d in (("local", load("local")), ("local_homogeneous", load("local_homogeneous")))}

print("| reservoir | g | MC (95 % CI) | NARMA-10 NRMSE (95 % CI) | E rate (Hz) | I rate (Hz) |")
print("|---|---|---|---|---|---|")
for s in scales:
    r = rows[s]
    print(f"| global | {s:g} | {r['memory_capacity:E'][0]:.3f} ± {r['memory_capacity:E'][1]:.3f} | "
          f"{r['narma_nrmse:E'][0]:.3f} ± {r['narma_nrmse:E'][1]:.3f} | {r['rate:E'][0]:.1f} | {r['rate:I'][0]:.1f} |")
for n, label in (("local", "local, lognormal targets (CV 0.5)"), ("local_homogeneous", "local, one target")):
    r = loc[n]
    print(f"| {label} | from 0.25 | {r['memory_capacity:E'][0]:.3f} ± {r['memory_capacity:E'][1]:.3f} | "
          f"{r['narma_nrmse:E'][0]:.3f} ± {r['narma_nrmse:E'][1]:.3f} | {r['rate:E'][0]:.1f} | {r['rate:I'][0]:.1f} |")
bm = max(scales, key=lambda s: rows[s]["memory_capacity:E"][0])
bn = min(scales, key=lambda s: rows[s]["narma_nrmse:E"][0])
print(f"best global MC at g {bm:g}: {rows[bm]['memory_capacity:E'][0]:.3f}; local "
      f"{loc['local']['memory_capacity:E'][0]:.3f}: gain "
      f"{100 * (loc['local']['memory_capacity:E'][0] / rows[bm]['memory_capacity:E'][0] - 1):+.1f} %")
print(f"best global NARMA-10 at g {bn:g}: {rows[bn]['narma_nrmse:E'][0]:.3f}; local "
      f"{loc['local']['narma_nrmse:E'][0]:.3f}: change "
      f"{100 * (loc['local']['narma_nrmse:E'][0] / rows[bn]['narma_nrmse:E'][0] - 1):+.1f} % (lower is better)")

fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
for ax, key, title in ((axes[0], "memory_capacity:E", "Memory capacity (higher is better)"),
                       (axes[1], "narma_nrmse:E", "NARMA-10 test NRMSE (lower is better)")):
    m = np.array([rows[s][key][0] for s in scales])
    h = np.array([rows[s][key][1] for s in scales])
    ax.errorbar(scales, m, yerr=h, marker="o", capsize=3, color="tab:blue",
                label="global: one inhibition scale g (static)")
    for n, color, label in (("local", "tab:red", "local adaptation, lognormal targets"),
                            ("local_homogeneous", "tab:orange", "local adaptation, one target")):
        lm, lh = loc[n][key]
        ax.axhspan(lm - lh, lm + lh, color=color, alpha=0.2, lw=0)
        ax.axhline(lm, color=color, lw=1.5, label=label)
    ax.axvline(1.0, color="0.5", ls=":", lw=1)
    ax.set_xscale("log")
    ax.set_xticks(scales)
    ax.set_xticklabels([f"{s:g}" for s in scales])
    ax.set_xlabel("inhibition scale g (1 = balanced; < 1 excitation-dominated)")
    ax.set_title(title, fontsize=10)
axes[0].set_ylabel("MC (sum of r² over delays)")
axes[1].set_ylabel("NRMSE")
axes[0].legend(fontsize=8, loc="center right")
fig.suptitle("Self-adapting E/I reservoir: 800 E + 200 I LIF, 40 s, mean ± 95 % CI over 5 seeds",
             fontsize=11)
fig.savefig(png, dpi=110)
print("wrote", png)
PY
