#!/usr/bin/env python3
# Two commands timed in alternation: python3 bench/paired.py RUNS WARMUPS CMD_A CMD_B
# Prints "MEAN_A SD_A MEAN_B SD_B" (seconds, wall). After WARMUPS runs of each, every round runs both, in an order
# that alternates from round to round, so a slow spell of a shared machine weighs on both commands alike and their
# ratio holds (hyperfine measures one command's runs, then the other's). Commands run without a shell, output
# discarded, failures ignored (as `hyperfine -N -i`).
import shlex, statistics, subprocess, sys, time

runs, warmups = int(sys.argv[1]), int(sys.argv[2])
commands = [shlex.split(c) for c in sys.argv[3:5]]

def once(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start

for _ in range(warmups):
    for argv in commands: once(argv)
times = [[], []]
for r in range(runs):
    for k in ((0, 1) if r % 2 == 0 else (1, 0)):
        times[k].append(once(commands[k]))
print(" ".join(f"{statistics.mean(t):.6f} {statistics.stdev(t) if len(t) > 1 else 0:.6f}" for t in times))
