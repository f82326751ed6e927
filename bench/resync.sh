#!/usr/bin/env bash
# Benchmark of the suppression-list resync (issue 6), one command: bench/resync.sh
#
# Starts a server of its own (consentBench, port BENCH_PORT=9281, fresh database), uploads a snapshot of
# BENCH_LINES (1,000,000) email addresses, times the upload (parse, normalize, hash, stage) and the suppression-resync
# job applying it, then uploads a second snapshot where 10% of the addresses changed and times that diff.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${BENCH_LINES:-1000000}
PORT=${BENCH_PORT:-9281}
calc() { awk "BEGIN { print $* }"; }

echo "== building"
mvn -q -B -DskipTests -DskipITs install
mvn -q -B -f consent-ear/pom.xml liberty:create >/dev/null
WLP=consent-ear/target/liberty/wlp
SERVER=$WLP/usr/servers/consentBench
DB=$(pwd)/consent-ear/target/bench-data/resyncdb
"$WLP/bin/server" stop consentBench >/dev/null 2>&1 || true
rm -rf "$SERVER" "$DB"
"$WLP/bin/server" create consentBench >/dev/null
cp server.xml jvm.options "$SERVER/"
cp -r liberty/db "$SERVER/"
mkdir -p "$SERVER/apps"
cp consent-ear/target/consent.ear "$SERVER/apps/"
printf 'http.port=%s\nhttps.port=%s\nconsent.db.path=%s\nconsent.schedule.enabled=false\n' \
    "$PORT" "$((PORT + 1))" "$DB" > "$SERVER/bootstrap.properties"
"$WLP/bin/server" start consentBench >/dev/null
trap '"$WLP/bin/server" stop consentBench >/dev/null 2>&1 || true' EXIT
until curl -sf "http://localhost:$PORT/health/ready" >/dev/null; do sleep 0.2; done

FIRST=/tmp/bench-snapshot-1.csv
SECOND=/tmp/bench-snapshot-2.csv
awk -v n="$LINES" 'BEGIN { print "identifier,reason,date"; for (i = 0; i < n; i++) printf("bounce%d@list.example,HARD_BOUNCE,2026-11-01\n", i) }' > "$FIRST"
awk -v n="$LINES" 'BEGIN { print "identifier,reason,date"; for (i = 0; i < n; i++) printf("bounce%d@list.example,HARD_BOUNCE,2026-11-01\n", i < n / 10 ? i + n : i) }' > "$SECOND"

run() { # label, file
    local started staged ended answer id status
    started=$(date +%s.%N)
    answer=$(curl -sf -u integration:dev-integration -X PUT -H 'Content-Type: text/csv' -T "$2" \
        "http://localhost:$PORT/api/v1/suppression-sources/bench-esp/snapshot")
    staged=$(date +%s.%N)
    id=$(echo "$answer" | sed -E 's/.*"executionId":([0-9]+).*/\1/')
    while true; do
        status=$(curl -sf -u admin:dev-admin "http://localhost:$PORT/api/v1/jobs/executions/$id" | sed -E 's/.*"status":"([A-Z]+)".*/\1/')
        case "$status" in COMPLETED|FAILED|STOPPED) break ;; esac
        sleep 0.5
    done
    ended=$(date +%s.%N)
    printf '%-16s : upload and staging %.1f s (%.0f lines/s), resync job %.1f s, %s — %s\n' "$1" \
        "$(calc "$staged - $started")" "$(calc "$LINES / ($staged - $started)")" "$(calc "$ended - $staged")" "$status" \
        "$(echo "$answer" | sed -E 's/.*"report":\{([^}]*)\}.*/\1/' | sed -E 's/"rejections":\[[^]]*\],?//')"
}
run "first snapshot" "$FIRST"
run "10% changed" "$SECOND"
echo "machine          : $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
