#!/usr/bin/env bash
# Memory of a fan-out by the packaged jar: SUBSCRIPTIONS Telegram private chats (default 1000), all due at one
# minute (UTC), are imported into a fresh EXCERPT_BOT_DATA_DIR with the jar's own `subscriptions import`; then
# `java -Xmx128m -XX:TieredStopAtLevel=1 -jar bot-app/target/excerpt-bot.jar` (the README's command) runs against
# a fake Bot API on 127.0.0.1 (in the driver JVM) that enforces Telegram's flood control: RATE sendMessage per
# sliding second (default 30), 429 retry_after 1 beyond. Measured: the bot's peak RSS (VmRSS sampled every 100 ms
# from launch until every chat has its post, and VmHWM read before the stop), the send time from the due minute
# to the last accepted post against the floor SUBSCRIPTIONS/RATE, lost and duplicate posts, 429s, and how long
# the SIGTERM stop takes. Target: peak RSS <= 173 MiB.
#
# MODE scheduled (default): the minute is 25-85 s ahead at the import and the bot is up before it (the slot's
# trigger fires in a running bot). MODE catchup: the minute passes between the import and the launch (2 s before
# it), so the start-up catch-up sends the posts, as after a restart.
#
# usage: bench/jar-fanout-memory.sh [subscriptions=1000] [rate=30] [scheduled|catchup] [heap=128m]
#   bench/jar-fanout-memory.sh                       # 1000 posts at Telegram's 30/s, bot running at the minute
#   bench/jar-fanout-memory.sh 1000 30 catchup       # the same posts caught up at start-up
# (JAR, BOT_JVM=plain, BOT_JAVA_OPTS, DRIVER_JAVA_OPTS, BENCH_TIMEOUT: see bench/jar-bench-lib.sh)
source "$(dirname "$0")/jar-bench-lib.sh"
run_driver FanOutMemoryBench "${1:-1000}" "${2:-30}" "${3:-scheduled}" "${4:-128m}"
