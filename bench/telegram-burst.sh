#!/usr/bin/env bash
# Telegram burst benchmark: N users (default 1000) each send one command at once through the fake Bot API;
# the bot runs in its own JVM with a small heap (default 128m). Prints p50/p99 latency and replies per second.
# Usage: bench/telegram-burst.sh [users] [bot-heap]
# Extra JVM options: BOT_JVM_OPTS for the bot (e.g. "-XX:StartFlightRecording=filename=/tmp/bot.jfr"),
# DRIVER_JVM_OPTS for the driver and fake server.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl telegram-adapter -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="telegram-adapter/target/test-classes:telegram-adapter/target/classes:$(cat telegram-adapter/target/bench.classpath)"
# shellcheck disable=SC2086
exec java -Xmx512m ${DRIVER_JVM_OPTS:-} -Dbench.botJvm="${BOT_JVM_OPTS:-}" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  org.excerptbot.telegram.BurstBenchmark "${1:-1000}" "${2:-128m}"
