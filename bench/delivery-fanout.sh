#!/usr/bin/env bash
# Delivery fan-out benchmark: N subscriptions due at the same minute, delivered by the engine (bot JVM on
# -Xmx128m, embedded H2) through a Bot API messenger to a fake Bot API server (its own JVM) that enforces a strict
# sliding one-second window of RATE messages. Prints the result line; see docs/benchmarks.md.
#
# usage: bench/delivery-fanout.sh [subscriptions=10000] [rate=30] [burst=1] [senders=8] [engine-rate=rate]
# (rate is the fake platform's limit; the engine sends at engine-rate, by default the same)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RATE=${2:-30}
BURST=${3:-1}
SENDERS=${4:-8}
ENGINE_RATE=${5:-$RATE}
CP_FILE="$PWD/bot-core/target/bench-classpath.txt"

mvn -B -q -pl bot-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test -Dspotless.check.skip=true >/dev/null
CP="$PWD/bot-core/target/test-classes:$PWD/bot-core/target/classes:$PWD/content/target/classes:$(cat "$CP_FILE")"

PORT=$(( 20000 + RANDOM % 20000 ))
java -Xmx256m -Dsun.net.httpserver.nodelay=true -cp "$CP" org.excerptbot.core.delivery.bench.FakeBotApi "$PORT" "$RATE" &
FAKE=$!
trap 'kill $FAKE 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break
  sleep 0.1
done

java -Xmx128m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  org.excerptbot.core.delivery.bench.DeliveryBenchmark "http://127.0.0.1:$PORT" "$N" "$ENGINE_RATE" "$BURST" "$SENDERS" "$RATE"
