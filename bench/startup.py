#!/usr/bin/env python3
"""Console start-up benchmark: from launching the packaged jar's console to its first reply on stdout.

What it measures: the wall time from starting `java -XX:TieredStopAtLevel=1 -jar bot-app/target/excerpt-bot.jar
console` (the README's run command) with `/today` waiting on its standard input, to the first line of the reply
on its standard output. Every run gets a fresh data directory (a new temp EXCERPT_BOT_DATA_DIR, so the first
command also creates the H2 database), deleted afterwards, and an environment without TELEGRAM_*, DISCORD_* and
EXCERPT_BOT_* variables. Target: < 1.0 s.

Usage: python3 bench/startup.py [--runs N] [--jar bot-app/target/excerpt-bot.jar] [--plain] [-- extra JVM flags]
  --plain          plain `java -jar` (without -XX:TieredStopAtLevel=1)
  BOT_JAVA_OPTS    extra JVM flags from the environment, e.g. BOT_JAVA_OPTS=-Xmx128m
Build the jar first: mvn -B -q -o -DskipTests -Dspotless.check.skip=true package
Prints each run, a RESULT line (min / median / p90 / max in milliseconds against the target) and the load average.
"""
import argparse
import os
import queue
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TARGET_MS = 1000
RUN_TIMEOUT_S = 60

parser = argparse.ArgumentParser(description="Console start-up of the packaged jar, to the first reply of /today.")
parser.add_argument("--runs", type=int, default=15)
parser.add_argument("--jar", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bot-app",
                                                  "target", "excerpt-bot.jar"))
parser.add_argument("--plain", action="store_true", help="plain java -jar, without -XX:TieredStopAtLevel=1")
parser.add_argument("jvm", nargs="*", help="extra JVM flags, after --")
args = parser.parse_args()

jar = os.path.abspath(args.jar)
if not os.path.isfile(jar):
    sys.exit(f"{jar}: no such jar; build it with mvn -B -q -o -DskipTests -Dspotless.check.skip=true package")
flags = ([] if args.plain else ["-XX:TieredStopAtLevel=1"]) + shlex.split(os.environ.get("BOT_JAVA_OPTS", "")) \
    + args.jvm
command = ["java", *flags, "-jar", jar, "console"]
clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DISCORD_", "EXCERPT_BOT_"))}


def first_line(stream, timeout):
    """The first line of the stream, or None when none came within the timeout."""
    lines = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return None


print("command:", " ".join(command), "(fresh EXCERPT_BOT_DATA_DIR per run)", flush=True)
times = []
for i in range(args.runs):
    home = tempfile.mkdtemp(prefix="excerpt-bot-startup-")
    env = dict(clean, EXCERPT_BOT_DATA_DIR=os.path.join(home, "data"))
    try:
        err_file = open(os.path.join(home, "stderr.txt"), "w+b")
        start = time.perf_counter()
        p = subprocess.Popen(command, cwd=home, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err_file,
                             env=env)
        p.stdin.write("/today\n".encode())
        p.stdin.flush()
        first = first_line(p.stdout, RUN_TIMEOUT_S)
        elapsed = (time.perf_counter() - start) * 1000
        try:
            p.communicate(timeout=RUN_TIMEOUT_S)  # closes stdin: the console ends
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
        err_file.seek(0)
        err = err_file.read()
        err_file.close()
        if not first or not first.strip():
            sys.exit(f"run {i + 1}: no reply within {RUN_TIMEOUT_S} s (exit {p.returncode}); stderr:\n"
                     + err.decode(errors="replace")[-2000:])
        if not os.path.isfile(os.path.join(home, "data", "excerpt-bot.mv.db")):
            sys.exit(f"run {i + 1}: the console did not create its database in {home}/data")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    times.append(elapsed)
    print(f"run {i + 1}: {elapsed:.0f} ms  {first.decode(errors='replace').strip()[:40]}", flush=True)

times.sort()
p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
median = statistics.median(times)
print(f"RESULT console-startup first-reply median={median:.0f}ms min={times[0]:.0f}ms p90={p90:.0f}ms"
      f" max={times[-1]:.0f}ms runs={len(times)} target<{TARGET_MS}ms:"
      f" median {'met' if median < TARGET_MS else 'MISSED'}, p90 {'met' if p90 < TARGET_MS else 'MISSED'}")
print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()), "on", os.cpu_count(), "cores")
