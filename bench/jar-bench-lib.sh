#!/usr/bin/env bash
# Shared by bench/jar-*.sh (sourced, not run): builds the test classpath of bot-app (the fake Bot API comes from
# telegram-adapter's test classes) and runs a driver class of org.excerptbot.app.bench against the packaged jar.
#
# Environment:
#   JAR            the jar to measure (default bot-app/target/excerpt-bot.jar; build it first with
#                  mvn -B -q -o -DskipTests -Dspotless.check.skip=true package)
#   BOT_JVM=plain  plain `java -jar` instead of the README's `java -XX:TieredStopAtLevel=1 -jar`
#   BOT_JAVA_OPTS  extra JVM options for the jar, e.g. BOT_JAVA_OPTS="-XX:+UseSerialGC"
#   DRIVER_JAVA_OPTS  extra JVM options for the driver JVM (which runs the fake Bot API)
#   BENCH_TIMEOUT  seconds before the whole run is stopped (default 900)
#   BENCH_KEEP_LOGS  a directory to copy each jar's output to before its home directory is deleted
set -euo pipefail
if [ -n "${JAR:-}" ]; then JAR=$(realpath -m "$JAR"); fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAR=${JAR:-$PWD/bot-app/target/excerpt-bot.jar}
if [ ! -f "$JAR" ]; then
  echo "$JAR: no such jar; build it with: mvn -B -q -o -DskipTests -Dspotless.check.skip=true package" >&2
  exit 1
fi

run_driver() {
  local class=$1
  shift
  local cp_file="$PWD/bot-app/target/jar-bench-classpath.txt"
  mvn -B -q -o -pl bot-app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jar-bench-classpath.txt -Dmdep.includeScope=test -Dspotless.check.skip=true >/dev/null
  local cp="$PWD/bot-app/target/test-classes:$PWD/bot-app/target/classes:$(cat "$cp_file")"
  # the fake Bot API stands in for Telegram's servers: C1 only, so that C2 compiling the fake does not take the
  # cores the jar is measured on
  # shellcheck disable=SC2086
  timeout --signal=TERM --kill-after=30 "${BENCH_TIMEOUT:-900}" \
    java -Xmx768m -XX:TieredStopAtLevel=1 ${DRIVER_JAVA_OPTS:-} \
    -Dbench.jar="$JAR" -Dbench.plain="$([ "${BOT_JVM:-}" = plain ] && echo true || echo false)" \
    -Dbench.botJavaOpts="${BOT_JAVA_OPTS:-}" -cp "$cp" "org.excerptbot.app.bench.$class" "$@"
}
