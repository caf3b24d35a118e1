#!/usr/bin/env bash
# Time and peak RSS of `subscriptions import` of N subscriptions (bench/subscriptions-file.py: 30 % at the busiest
# minute, most of the rest at 07:00/08:00 in a few zones) by the packaged jar, into a fresh database: PostgreSQL
# (DB=postgres, the default: database DB_NAME, default excerpt_bench_import, on 127.0.0.1:5432, dropped and created, user postgres)
# or the embedded H2 (DB=h2: a fresh EXCERPT_BOT_DATA_DIR). Runs the import twice: the first creates every row,
# the second (the same file) changes none. /usr/bin/time gives the wall time and the peak RSS.
#
# usage: bench/import-time.sh [subscriptions=100000] [postgres|h2]
#   JAR  the jar to measure (default bot-app/target/excerpt-bot.jar)
#   JAVA_OPTS  JVM options for the jar (default: the README's -XX:TieredStopAtLevel=1)
#              (add -Xmx64m to see the import's own memory: the default heap lets garbage pile up)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
DB=${2:-postgres}
DB_NAME=${DB_NAME:-excerpt_bench_import}
JAR=${JAR:-bot-app/target/excerpt-bot.jar}
JAVA_OPTS=${JAVA_OPTS:--XX:TieredStopAtLevel=1}
work=$(mktemp -d /tmp/excerpt-bench-import.XXXXXX)
trap 'rm -rf "$work"' EXIT
file="$work/subscriptions.json"
python3 bench/subscriptions-file.py "$N" "$file"
echo "file: $N subscriptions, $(du -m "$file" | cut -f1) MB; jar $JAR; load average $(cut -d' ' -f1-3 /proc/loadavg)"
env_vars=(EXCERPT_BOT_DATA_DIR="$work/data")
if [ "$DB" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME" \
    -c "CREATE DATABASE $DB_NAME"
  env_vars+=(EXCERPT_BOT_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB_NAME EXCERPT_BOT_DB_USER=postgres)
fi
for run in first again; do
  # shellcheck disable=SC2086
  env -u TELEGRAM_BOT_TOKEN -u DISCORD_BOT_TOKEN "${env_vars[@]}" /usr/bin/time -f "%e %M" -o "$work/time" \
    java $JAVA_OPTS -jar "$JAR" subscriptions import "$file" | tail -1
  read -r seconds kib <"$work/time"
  echo "RESULT import db=$DB subscriptions=$N run=$run wall=${seconds}s peak-RSS=$((kib / 1024))MiB"
done
if [ "$DB" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -d $DB_NAME -At \
    -c "SELECT 'database size ' || pg_size_pretty(pg_database_size('$DB_NAME'))"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE $DB_NAME"
fi
