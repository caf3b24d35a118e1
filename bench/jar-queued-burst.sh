#!/usr/bin/env bash
# A burst already waiting at launch, on the packaged jar: USERS distinct users (default 1000) have each sent one
# command in their private chat to a fake Bot API on 127.0.0.1 (in the driver JVM) BEFORE the jar starts; then
# `java -Xmx128m -XX:TieredStopAtLevel=1 -jar bot-app/target/excerpt-bot.jar` (the README's command) starts with
# TELEGRAM_BOT_TOKEN/TELEGRAM_API_URL pointing at the fake, on a fresh EXCERPT_BOT_DATA_DIR. Measured from launch
# to each user's reply arriving at the fake: the last reply, p50/p99, lost and duplicate replies (each user must
# get exactly one), the bot's CPU and peak RSS, the SIGTERM stop. The fake's flood control is off (no overall
# limit, no per-chat 429). Target: every user answered within 3 s of launch.
#
# usage: bench/jar-queued-burst.sh [users=1000] [today|mix] [heap=128m]
#   bench/jar-queued-burst.sh 1000 today   # everyone sends /today
#   bench/jar-queued-burst.sh 1000 mix     # /today, /principle 2, /search 互联互通, /read 1 11 in turn
# (JAR, BOT_JVM=plain, BOT_JAVA_OPTS, DRIVER_JAVA_OPTS, BENCH_TIMEOUT: see bench/jar-bench-lib.sh)
source "$(dirname "$0")/jar-bench-lib.sh"
run_driver QueuedBurstBench "${1:-1000}" "${2:-today}" "${3:-128m}"
