#!/usr/bin/env bash
# Three packaged jars on one PostgreSQL share one minute of POSTS Telegram posts with the paid broadcast on, against
# a fake Bot API holding paid messages to RATE per sliding second; the third instance is killed with SIGKILL once
# half the minute is accepted. Reports the busiest sliding second across the three (requests and accepted), the
# 429s, chats without their post and with two, and the rows the dead instance left sending (possibly delivered,
# never sent again). Database excerpt_bench_cluster on 127.0.0.1:5432 (user postgres, trust), dropped and created.
#
# usage: bench/scale-cluster.sh [posts=30000] [rate=1000] [heap=128m]
# (JAR, BOT_JVM=plain, BOT_JAVA_OPTS, DRIVER_JAVA_OPTS, BENCH_TIMEOUT: see bench/jar-bench-lib.sh)
source "$(dirname "$0")/jar-bench-lib.sh"
DRIVER_JAVA_OPTS="-Xmx2g ${DRIVER_JAVA_OPTS:-}"
run_driver ClusterBench "${1:-30000}" "${2:-1000}" "${3:-128m}"
