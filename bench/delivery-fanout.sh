#!/usr/bin/env bash
# Delivery fan-out benchmark: N subscriptions due at the same minute, delivered by the DeliveryEngine through the
# Telegram adapter (its PlatformAdapter's messenger: sendMessage over the adapter's OkHttp client) to a fake Bot API (its own
# JVM, FanOutFakeApi) that enforces Telegram's flood control, a strict sliding one-second window of RATE messages
# over all chats (429 with retry_after 1 beyond). The bot runs on -Xmx128m with an embedded H2 database. Prints the
# RESULT line: total time, floor (N / RATE), ratio, lost, duplicates, 429s, peak heap, peak RSS; then the bot's CPU
# per post by thread, the phases of the total, and the fake's figures. See docs/benchmarks.md.
#
# With WARMUP > 0 the bot first delivers a slot of WARMUP other subscriptions in the same process (a bot that has
# been running before the minute), stays quiet until the platform's window is empty and its JIT is idle, then times
# the N; the warm-up is reported on its own line. BOT_JAVA_OPTS / FAKE_JAVA_OPTS add options to either JVM
# (BOT_JAVA_OPTS=-Dbench.jfr=FILE: a JFR profile of the timed run only).
#
# The fake stands in for Telegram's servers, which are neither cold nor on the bot's cores: before the bot starts it
# answers 40,000 sendMessage requests of its own (counted nowhere) and waits for its JIT to settle, and it runs with
# C1 only (FAKE_JAVA_OPTS, default -XX:TieredStopAtLevel=1), so that C2 recompiling the fake does not take the
# bot's CPU during the run. Without a WARMUP the bot itself is cold: started just before the slot falls due.
#
# usage: bench/delivery-fanout.sh [subscriptions=10000] [rate=30] [headroom=0.02] [senders=8] [warmup=0]
#   bench/delivery-fanout.sh 10000 30                 # Telegram's 30 messages/s
#   bench/delivery-fanout.sh 10000 1000 0.02 32       # paid broadcast, 1000 messages/s, cold
#   bench/delivery-fanout.sh 10000 1000 0.02 32 5000  # the same after a 5,000-post warm-up
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RATE=${2:-30}
HEADROOM=${3:-0.02}
SENDERS=${4:-8}
WARMUP=${5:-0}
CP_FILE="$PWD/telegram-adapter/target/bench-classpath.txt"

mvn -B -q -pl telegram-adapter -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test -Dspotless.check.skip=true >/dev/null
CP="$PWD/telegram-adapter/target/test-classes:$PWD/telegram-adapter/target/classes:$(cat "$CP_FILE")"

FAKE_OUT=$(mktemp)
java -Xmx768m ${FAKE_JAVA_OPTS--XX:TieredStopAtLevel=1} -cp "$CP" org.excerptbot.telegram.delivery.FanOutFakeApi "$N" "$RATE" "$WARMUP" >"$FAKE_OUT" &
FAKE=$!
trap 'kill $FAKE 2>/dev/null || true; rm -f "$FAKE_OUT"' EXIT
for _ in $(seq 1 1800); do
  grep -q '^FAKE ' "$FAKE_OUT" && break
  kill -0 $FAKE 2>/dev/null || { echo "the fake Bot API did not start" >&2; exit 1; }
  sleep 0.1
done
API=$(sed -n 's/^FAKE api=\([^ ]*\) .*/\1/p' "$FAKE_OUT")
STATS=$(sed -n 's/^FAKE .* stats=\(.*\)$/\1/p' "$FAKE_OUT")
grep '^FAKE-WARMUP ' "$FAKE_OUT" || true

java -Xmx128m ${BOT_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  org.excerptbot.telegram.delivery.FanOutBenchmark "$API" "$STATS" "$N" "$RATE" "$HEADROOM" "$SENDERS" "$WARMUP"
