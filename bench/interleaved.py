#!/usr/bin/env python3
# Interleaved wall-time comparison on a shared machine: python3 bench/interleaved.py ROUNDS NAME=CMD...
# Each round runs every command once (order rotated; round 0 is a warm-up), each after the machine has been
# >= 93 % idle for 2 s (at most 60 s of waiting); prints per-command medians and the ratio to the first command
# within each round (median, min, max). Used for issue 13 verify vs ffmpeg -f null (docs/BENCHMARKS.md).
import subprocess, sys, time, os, statistics, json, resource
def idle(seconds=2.0):
    def read():
        v = list(map(int, open('/proc/stat').readline().split()[1:9])); return sum(v), v[3] + v[4]
    t1, i1 = read(); time.sleep(seconds); t2, i2 = read(); return (i2 - i1) / max(1, t2 - t1)
def wait_quiet(limit=60):
    start = time.time()
    while idle() < 0.93 and time.time() - start < limit: pass
rounds = int(sys.argv[1]); cmds = [c.split('=', 1) for c in sys.argv[2:]]
names = [n for n, _ in cmds]; times = {n: [] for n in names}; cpu = {n: [] for n in names}
for r in range(rounds + 1):
    order = cmds[r % len(cmds):] + cmds[:r % len(cmds)]
    for n, c in order:
        wait_quiet()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(c, shell=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r > 0:  # round 0 is the warm-up
            times[n].append(dt); cpu[n].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if r > 0: print(f"round {r}: " + "  ".join(f"{n} {times[n][-1]:.2f}" for n in names), file=sys.stderr, flush=True)
base = names[0]
for n in names:
    ratios = [a / b for a, b in zip(times[n], times[base])]
    print(f"{n:12s} wall median {statistics.median(times[n]):6.2f} s (min {min(times[n]):.2f} max {max(times[n]):.2f})"
          f"  cpu median {statistics.median(cpu[n]):6.2f} s   ratio to {base}: median {statistics.median(ratios):.3f}"
          f" (min {min(ratios):.3f} max {max(ratios):.3f})")
