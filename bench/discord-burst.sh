#!/usr/bin/env bash
# Burst of Discord slash commands through the fake Discord (REST + gateway) against the real adapter on JDA.
# Prints per round (round 1 is cold, later rounds warm): how many were acknowledged within Discord's 3 s,
# ack latency p50/p99/max (gateway push to interaction callback), deferrals, answers lost after an acknowledgement,
# where the ack time went (push -> JDA's event thread -> callback -> the fake), CPU per thread, and the load average.
# Usage: bench/discord-burst.sh [users=1000] [rounds=3]; one JVM with -Xmx256m holds the bot, JDA and the fake.
# Extra JVM options: BENCH_JVM_OPTS (e.g. "-XX:StartFlightRecording=filename=/tmp/discord.jfr").
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl discord-adapter -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="discord-adapter/target/test-classes:discord-adapter/target/classes:$(cat discord-adapter/target/bench.classpath)"
# shellcheck disable=SC2086
exec java -Xmx256m ${BENCH_JVM_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    org.excerptbot.discord.bench.InteractionBurst "$@"
