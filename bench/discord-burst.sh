#!/usr/bin/env bash
# Burst of Discord slash commands through the fake Discord (REST + gateway) against the real adapter on JDA:
# acknowledgement latency p50/p90/p99/max (gateway push to interaction callback), rate, deferrals.
# Usage: bench/discord-burst.sh [users=1000] [rounds=3]; one JVM with -Xmx256m holds the bot, JDA and the fake.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl discord-adapter -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="discord-adapter/target/test-classes:discord-adapter/target/classes:$(cat discord-adapter/target/bench.classpath)"
exec java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    org.excerptbot.discord.bench.InteractionBurst "$@"
