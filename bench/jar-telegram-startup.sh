#!/usr/bin/env bash
# Telegram start-up of the packaged jar: from launching `java -XX:TieredStopAtLevel=1 -jar
# bot-app/target/excerpt-bot.jar` (the README's command) with TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL set to a
# fake Bot API on 127.0.0.1 (in the driver JVM, so launch and arrival are timed on one clock), on a fresh
# EXCERPT_BOT_DATA_DIR per run, to the first getUpdates request the fake receives. Also prints getMe,
# deleteWebhook and the first reply (one /today waits at the fake before each launch) and the SIGTERM stop.
# Target: first getUpdates < 2.0 s after launch.
#
# usage: bench/jar-telegram-startup.sh [runs=5]
#   BOT_JVM=plain bench/jar-telegram-startup.sh      # plain java -jar
#   BOT_JAVA_OPTS=-Xmx128m bench/jar-telegram-startup.sh
# (JAR, BOT_JAVA_OPTS, DRIVER_JAVA_OPTS, BENCH_TIMEOUT: see bench/jar-bench-lib.sh)
source "$(dirname "$0")/jar-bench-lib.sh"
run_driver TelegramStartupBench "${1:-5}"
