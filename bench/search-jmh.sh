#!/usr/bin/env bash
# JMH benchmark of the Lucene search index: index build time, search and autocomplete latency (p50/p99).
# Usage: bench/search-jmh.sh [JMH options], e.g. bench/search-jmh.sh -f 1 -wi 3 -i 5
# Compiles with the reactor (never installs), then runs org.openjdk.jmh.Main on bot-core's test classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bot-core -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
cp="bot-core/target/test-classes:bot-core/target/classes:$(cat bot-core/target/jmh.classpath)"
exec java -cp "$cp" org.openjdk.jmh.Main 'org.excerptbot.core.search.bench.SearchBenchmark' "$@"
