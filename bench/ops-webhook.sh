#!/usr/bin/env bash
# Ops HTTP server benchmark: N Telegram webhook updates (default 20000) POSTed by C concurrent clients
# (default 16) to the JDK HttpServer on 127.0.0.1, one in ten with a wrong secret; then /metrics and /healthz.
# Prints requests per second, latency percentiles, updates delivered and 401s.
# Usage: bench/ops-webhook.sh [requests] [clients]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bot-app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="bot-app/target/test-classes:bot-app/target/classes:$(cat bot-app/target/bench.classpath)"
exec java -Xmx128m -DEXCERPT_BOT_LOG_LEVEL=WARN -cp "$CP" \
  org.excerptbot.app.http.WebhookBenchmark "${1:-20000}" "${2:-16}"
