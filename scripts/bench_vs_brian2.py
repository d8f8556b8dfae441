#!/usr/bin/python3
"""Side-by-side loop times of plexus-cli and Brian2 C++ standalone on the CUBA/COBA benchmarks.

Brian2 (Debian's python3-brian) compiles each network once through the reference runner
(../shared/reference/brian2_cuba_coba.py); then the compiled binary and `plexus-cli bench` run
alternately, so both see the same machine state. Prints one JSON line per configuration and a
Markdown table.

usage: scripts/bench_vs_brian2.py [--reps 3] [--T 10] [--configs CUBA:4000,COBA:4000,...]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, 'build', 'app', 'cli', 'plexus-cli')
RUNNER = os.environ.get('PLEXUS_BRIAN2_RUNNER',
                        os.path.join(os.path.dirname(ROOT), 'shared', 'reference',
                                     'brian2_cuba_coba.py'))


def brian2_binary(model, n, T, seed):
    build = os.path.join(ROOT, 'build', 'brian2', f'{model}_{n}_{T:g}s')
    if not os.path.exists(os.path.join(build, 'main')):
        out = subprocess.run(['/usr/bin/python3', RUNNER, '--model', model, '--target',
                              'cpp_standalone', '--N', str(n), '--T', str(T), '--seed', str(seed),
                              '--builddir', build], capture_output=True, text=True, check=True)
        if 'RESULT ' not in out.stdout:
            sys.exit('Brian2 runner failed:\n' + out.stdout + out.stderr)
    return build


def run_brian2(build):
    t = subprocess.run(['/usr/bin/time', '-v', './main'], cwd=build, capture_output=True,
                       text=True, check=True)
    loop = float(open(os.path.join(build, 'results', 'last_run_info.txt')).read().split()[0])
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', t.stderr).group(1))
    return loop, rss / 1024.0


def run_plexus(model, n, T, seed, threads):
    out = subprocess.run([CLI, 'bench', model.lower(), '--n', str(n), '--duration', str(T),
                          '--seed', str(seed), '--threads', str(threads)],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout)
    return r['sim_s'], r['peak_rss_mb'], r['build_s'], r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--T', type=float, default=10.0)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--configs', default='CUBA:4000,COBA:4000,CUBA:40000,COBA:40000')
    args = ap.parse_args()
    rows = []
    for cfg in args.configs.split(','):
        model, n = cfg.split(':')
        n = int(n)
        build = brian2_binary(model, n, args.T, args.seed)
        b_loop, b_rss, p1, p2, p_rss, p_build = [], [], [], [], [], []
        for _ in range(args.reps):
            loop, rss = run_brian2(build)
            b_loop.append(loop)
            b_rss.append(rss)
            s, rss, bs, r1 = run_plexus(model, n, args.T, args.seed, 1)
            p1.append(s)
            p_rss.append(rss)
            p_build.append(bs)
            s2, _, _, r2 = run_plexus(model, n, args.T, args.seed, 2)
            p2.append(s2)
        med = statistics.median
        row = dict(model=model, N=n, T=args.T, reps=args.reps,
                   brian2_loop_s=med(b_loop), brian2_peak_rss_mb=med(b_rss),
                   plexus_loop_s=med(p1), plexus_loop_2threads_s=med(p2),
                   plexus_build_s=med(p_build), plexus_peak_rss_mb=med(p_rss),
                   ratio_plexus_over_brian2=med(p1) / med(b_loop),
                   speedup_2_threads=med(p1) / med(p2),
                   plexus_rate_hz=sum(p['spikes'] for p in r1['populations']) / n / args.T)
        rows.append(row)
        print(json.dumps(row), flush=True)
    print()
    print('| model | N | Brian2 loop s | Plexus loop s | ratio | Plexus 2 threads s | speed-up | '
          'build s | RSS MB Brian2 / Plexus |')
    print('|---|---|---|---|---|---|---|---|---|')
    for r in rows:
        print(f"| {r['model']} | {r['N']} | {r['brian2_loop_s']:.3f} | {r['plexus_loop_s']:.3f} | "
              f"{r['ratio_plexus_over_brian2']:.2f} | {r['plexus_loop_2threads_s']:.3f} | "
              f"{r['speedup_2_threads']:.2f}x | {r['plexus_build_s']:.3f} | "
              f"{r['brian2_peak_rss_mb']:.0f} / {r['plexus_peak_rss_mb']:.0f} |")


if __name__ == '__main__':
    main()
