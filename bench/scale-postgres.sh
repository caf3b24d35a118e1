#!/usr/bin/env bash
# The packaged jar on PostgreSQL with TOTAL subscriptions, SHARE of them due at one minute and the rest spread over
# the day, against a fake Bot API enforcing RATE sendMessage per sliding second: the import, the first post, the
# time to queue the minute, the posts' lateness (p50/p99/max), the send time against the floor, the bot's peak RSS
# and heap, CPU per post and the database's size. STOP_AFTER > 0 stops the run that many seconds after the minute
# (for 1,000,000 at 30/s: measure the queueing and the first posts without sending 300,000 posts for three hours).
# A RATE above 30 turns on the paid broadcast (TELEGRAM_PAID_BROADCAST=true); the fake then holds messages with
# allow_paid_broadcast to RATE per sliding second and any others to 30. Also reported: PostgreSQL's CPU per post
# (its server processes' utime+stime from /proc, from the bot's launch to the end; PostgreSQL must run here).
# Database excerpt_bench_scale on 127.0.0.1:5432 (user postgres, trust), dropped and created for each run; with
# BENCH_DB=h2 the bot's default embedded H2 database instead (no database CPU is measured then).
#
# usage: bench/scale-postgres.sh [total=10000] [share=0.3] [rate=30] [stop-after=0] [heap=128m]
#   bench/scale-postgres.sh 10000                 # 3,000 posts in the minute, all sent (~100 s at 30/s)
#   bench/scale-postgres.sh 100000                # 30,000 posts, all sent (~17 min)
#   bench/scale-postgres.sh 1000000 0.3 30 120    # 300,000 in the minute: queueing and the first 2 minutes
#   BENCH_TIMEOUT=1800 bench/scale-postgres.sh 1000000 0.3 1000   # the paid rate: all 300,000 sent (~5 min)
#   BENCH_DB=h2 bench/scale-postgres.sh 100000 0.3 1000           # the same on the embedded H2 database
# (JAR, BOT_JVM=plain, BOT_JAVA_OPTS, DRIVER_JAVA_OPTS, BENCH_TIMEOUT: see bench/jar-bench-lib.sh)
source "$(dirname "$0")/jar-bench-lib.sh"
# the fake Bot API keeps every call and message it took: about 2 GB at 300,000 posts
DRIVER_JAVA_OPTS="-Xmx4g ${DRIVER_JAVA_OPTS:-}"
run_driver ScaleBench "${1:-10000}" "${2:-0.3}" "${3:-30}" "${4:-0}" "${5:-128m}"
