#!/usr/bin/env python3
# Interleaved wall-time comparison on a shared machine:
#   python3 bench/interleaved.py [--warmups W] [--back-to-back] [--means] ROUNDS NAME=CMD...
# Each round runs every command once (order rotated, so two commands alternate which goes first), each after the
# machine has been >= 93 % idle for 2 s (at most 60 s of waiting; not with --back-to-back); the first W rounds
# (default 1) are warm-ups. Prints per-command medians and the ratio to the first command within each round
# (median, min, max); with --means only "MEAN SD" (seconds, wall) per command on one line, for scripts
# (bench/prepare.sh: prepare against the extraction; bench/run.sh: full verify against ffmpeg -f null), so a slow
# spell of the machine weighs on both sides of a ratio alike.
import subprocess, sys, time, os, statistics, json, resource
def idle(seconds=2.0):
    def read():
        v = list(map(int, open('/proc/stat').readline().split()[1:9])); return sum(v), v[3] + v[4]
    t1, i1 = read(); time.sleep(seconds); t2, i2 = read(); return (i2 - i1) / max(1, t2 - t1)
def wait_quiet(limit=60):
    start = time.time()
    while idle() < 0.93 and time.time() - start < limit: pass
args = sys.argv[1:]
warmups, back_to_back, means = 1, False, False
while args and args[0].startswith('--'):
    flag = args.pop(0)
    if flag == '--warmups': warmups = int(args.pop(0))
    elif flag == '--back-to-back': back_to_back = True
    elif flag == '--means': means = True
    else: sys.exit(f"interleaved.py: unknown option {flag}")
rounds = int(args[0]); cmds = [c.split('=', 1) for c in args[1:]]
names = [n for n, _ in cmds]; times = {n: [] for n in names}; cpu = {n: [] for n in names}
for r in range(warmups + rounds):
    order = cmds[r % len(cmds):] + cmds[:r % len(cmds)]
    for n, c in order:
        if not back_to_back: wait_quiet()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(c, shell=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r >= warmups:
            times[n].append(dt); cpu[n].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if r >= warmups and not means: print(f"round {r - warmups + 1}: " + "  ".join(f"{n} {times[n][-1]:.2f}" for n in names), file=sys.stderr, flush=True)
if means:
    print(" ".join(f"{statistics.mean(times[n]):.6f} {statistics.stdev(times[n]) if len(times[n]) > 1 else 0:.6f}" for n in names))
    sys.exit(0)
base = names[0]
for n in names:
    ratios = [a / b for a, b in zip(times[n], times[base])]
    print(f"{n:12s} wall median {statistics.median(times[n]):6.2f} s (min {min(times[n]):.2f} max {max(times[n]):.2f})"
          f"  cpu median {statistics.median(cpu[n]):6.2f} s   ratio to {base}: median {statistics.median(ratios):.3f}"
          f" (min {min(ratios):.3f} max {max(ratios):.3f})")
