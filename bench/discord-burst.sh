#!/usr/bin/env bash
# Burst of Discord slash commands through the fake Discord (REST + gateway) against the real adapter on JDA.
# The bot runs in its own JVM (-Xmx256m, cold: round 1 is its first burst after start-up); the fake Discord and the
# driver run in this one, and the fake is warmed up first with two bursts to a throwaway bot, as Discord's servers
# are warm (C1 only in its JVM, so that its JIT settles during the warm-up). Prints per round (round 1 is cold, later rounds warm): how many were acknowledged within Discord's 3 s,
# ack latency p50/p99/max (gateway push to interaction callback), deferrals, answers lost after an acknowledgement,
# where the ack time went (push -> the bot's listener -> callback -> the fake), the CPU of the bot's process (its
# threads, JIT compilers, GC), of the fake and of other processes, the REST connections opened, and the load average.
# Usage: bench/discord-burst.sh [users=1000] [rounds=3]
# Extra JVM options: BOT_JVM_OPTS for the bot (e.g. "-XX:TieredStopAtLevel=1" or
# "-XX:StartFlightRecording=filename=/tmp/bot.jfr"), DRIVER_JVM_OPTS for the fake and driver.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl discord-adapter -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="discord-adapter/target/test-classes:discord-adapter/target/classes:$(cat discord-adapter/target/bench.classpath)"
# shellcheck disable=SC2086
exec java -Xmx512m -XX:TieredStopAtLevel=1 ${DRIVER_JVM_OPTS:-} -Dbench.botJvm="${BOT_JVM_OPTS:-}" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    org.excerptbot.discord.bench.InteractionBurst "$@"
