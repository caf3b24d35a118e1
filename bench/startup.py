#!/usr/bin/env python3
"""Start-up benchmark: from launching `java -jar excerpt-bot.jar console` to its first reply on stdout.

Usage: python3 bench/startup.py [--runs N] [--jar bot-app/target/excerpt-bot.jar] [-- extra JVM flags]
Prints each run and the min / median / p90 / max in milliseconds, plus the load average at the end.
"""
import argparse
import os
import statistics
import subprocess
import time

parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=15)
parser.add_argument("--jar", default="bot-app/target/excerpt-bot.jar")
parser.add_argument("jvm", nargs="*", help="extra JVM flags, after --")
args = parser.parse_args()

times = []
for i in range(args.runs):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DISCORD_", "EXCERPT_BOT_"))}
    start = time.perf_counter()
    p = subprocess.Popen(["java", *args.jvm, "-jar", args.jar, "console"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    p.stdin.write("/today\n".encode())
    p.stdin.flush()
    first = p.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    p.stdin.close()
    p.wait()
    assert first.strip(), "no reply"
    times.append(elapsed)
    print(f"run {i + 1}: {elapsed:.0f} ms")

times.sort()
p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
print(f"first reply: min {times[0]:.0f} ms, median {statistics.median(times):.0f} ms, p90 {p90:.0f} ms, max {times[-1]:.0f} ms over {len(times)} runs")
print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()), "on", os.cpu_count(), "cores")
