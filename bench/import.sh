#!/usr/bin/env bash
# Benchmark of the contact import (issue 7), one command: bench/import.sh
#
# Writes a CSV of BENCH_ROWS (1,000,000) new contacts with one consent row each, then measures in the same run:
# (a) the raw limit: bench/ImportBaseline.java inserting the same rows (contact + consent event + consent state) with
# plain JDBC batches of 1000 into a fresh embedded database, no validation; (b) the real thing: the file uploaded to
# POST /api/v1/imports of a server of its own (consentBench, port BENCH_PORT=9281, fresh database), timed from the
# upload to the job's COMPLETED, checked for read = imported = BENCH_ROWS. Prints both rates and their ratio
# (target >= 0.6). With BENCH_KILL_AFTER=N (seconds), the server is killed with kill -9 N seconds into the import,
# started again and the failed execution restarted; either way the stopped server's database is counted at the end:
# as many contacts, consent events and consent states as rows, each row imported exactly once.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${BENCH_ROWS:-1000000}
PORT=${BENCH_PORT:-9281}
CHUNK=${BENCH_CHUNK:-1000}
KILL_AFTER=${BENCH_KILL_AFTER:-0}

calc() { awk "BEGIN { print $* }"; }

echo "== building"
mvn -q -B -DskipTests -DskipITs install
mvn -q -B -f consent-ear/pom.xml liberty:create >/dev/null
WLP=consent-ear/target/liberty/wlp
SERVER=$WLP/usr/servers/consentBench
DATA=$(pwd)/consent-ear/target/bench-data
DB=$DATA/importdb
RAW=$DATA/import-rawdb
CSV=$DATA/import.csv
"$WLP/bin/server" stop consentBench >/dev/null 2>&1 || true
rm -rf "$SERVER" "$DB" "$DB-imports" "$RAW"
mkdir -p "$DATA"
"$WLP/bin/server" create consentBench >/dev/null
cp server.xml jvm.options "$SERVER/"
cp -r liberty/db "$SERVER/"
mkdir -p "$SERVER/apps"
cp consent-ear/target/consent.ear "$SERVER/apps/"
printf 'http.port=%s\nhttps.port=%s\nconsent.db.path=%s\nconsent.schedule.enabled=false\n' \
    "$PORT" "$((PORT + 1))" "$DB" > "$SERVER/bootstrap.properties"
DERBY=$(ls "$WLP"/usr/shared/resources/derby/*.jar | tr '\n' ':')
API="http://localhost:$PORT/api/v1"

start_server() {
    "$WLP/bin/server" start consentBench >/dev/null
    until curl -sf "http://localhost:$PORT/health/ready" >/dev/null; do sleep 0.2; done
}
start_server
trap '"$WLP/bin/server" stop consentBench >/dev/null 2>&1 || true' EXIT
curl -sf -u admin:dev-admin -H 'Content-Type: application/json' "$API/purposes" -d '{"key":"bench-import",
    "kind":"PROSPECTING","channels":["EMAIL"],"doubleOptIn":false,"similarToPurchases":false,
    "names":{"en":"Bench"}}' >/dev/null
NOTICE=$(curl -sf -u admin:dev-admin -H 'Content-Type: application/json' "$API/purposes/bench-import/notices" \
    -d '{"locale":"en","text":"I agree"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
"$WLP/bin/server" stop consentBench >/dev/null

echo "== writing $ROWS rows to $CSV"
awk -v n="$ROWS" -v notice="$NOTICE" 'BEGIN {
    print "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt,ip"
    for (i = 0; i < n; i++)
        printf "person%d@import.bench.example,FR,fr,%s,%s,bench-import,EMAIL,GRANT,%s,2025-0%d-1%dT10:%02d:00Z,203.0.113.%d\n",
            i, (i % 5 == 0 ? "B2B" : "B2C"), (i % 3 == 0 ? "true" : "false"), notice, 1 + i % 9, i % 10, i % 60, i % 250
}' > "$CSV"
ls -l "$CSV" | awk '{ printf "file             : %.0f MB\n", $5 / 1e6 }'

echo "== raw JDBC batch insert of the same rows"
read -r RAW_ROWS RAW_SECONDS < <(java -Dderby.storage.pageCacheSize=40000 \
    -cp "${DERBY}consent-ear/target/consent/lib/*" \
    bench/ImportBaseline.java "$RAW" "$CSV" bench-import "$NOTICE")

echo "== import through the server (chunks of $CHUNK)"
start_server
started=$(date +%s.%N)
ID=$(curl -sf -u integration:dev-integration -H 'Content-Type: text/csv' --data-binary "@$CSV" \
    "$API/imports?chunkSize=$CHUNK" | sed -E 's/.*"id":"([^"]+)".*/\1/')
uploaded=$(date +%s.%N)
if [ "$KILL_AFTER" != 0 ]; then
    sleep "$KILL_AFTER"
    echo "== kill -9 of the server during the import: $(curl -sf -u integration:dev-integration "$API/imports/$ID")"
    kill -9 "$(cat "$WLP/usr/servers/.pid/consentBench.pid")"
    sleep 1
    start_server
    EXECUTION=$(curl -sf -u integration:dev-integration "$API/imports/$ID" | sed -E 's/.*"executionId":([0-9]+).*/\1/')
    echo "after the crash: $(curl -sf -u integration:dev-integration "$API/imports/$ID")"
    curl -sf -u admin:dev-admin -X POST "$API/jobs/executions/$EXECUTION/restart"; echo
fi
while true; do
    progress=$(curl -sf -u integration:dev-integration "$API/imports/$ID")
    case "$progress" in *'"status":"COMPLETED"'*|*'"status":"FAILED"'*|*'"status":"STOPPED"'*) break ;; esac
    sleep 0.5
done
ended=$(date +%s.%N)
echo "$progress"
"$WLP/bin/server" stop consentBench >/dev/null
trap - EXIT
COUNTS=($(java -cp "$DERBY" bench/Count.java "$DB" "SELECT COUNT(*) FROM contact" \
    "SELECT COUNT(*) FROM consent_event" "SELECT COUNT(*) FROM consent_state"))
READ=$(echo "$progress" | sed -E 's/.*"read":([0-9]+).*/\1/')
IMPORTED=$(echo "$progress" | sed -E 's/.*"imported":([0-9]+).*/\1/')
seconds=$(calc "$ended - $started")
raw_rate=$(calc "$RAW_ROWS / $RAW_SECONDS")
rate=$(calc "$IMPORTED / $seconds")
printf 'raw JDBC batches : %s rows in %.1f s = %.0f rows/s (contact + event + state each)\n' "$RAW_ROWS" "$RAW_SECONDS" "$raw_rate"
printf 'import           : %s read, %s imported in %.1f s (upload %.1f s) = %.0f rows/s\n' "$READ" "$IMPORTED" \
    "$seconds" "$(calc "$uploaded - $started")" "$rate"
printf 'ratio            : %.2f (target 0.60)%s\n' "$(calc "$rate / $raw_rate")" \
    "$([ "$KILL_AFTER" != 0 ] && echo ', including a kill -9 and a restart')"
printf 'database         : %s contacts, %s consent events, %s consent states (want %s each)\n' \
    "${COUNTS[0]}" "${COUNTS[1]}" "${COUNTS[2]}" "$ROWS"
echo "machine          : $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
[ "$READ" = "$ROWS" ] && [ "$IMPORTED" = "$ROWS" ] && [ "${COUNTS[0]}" = "$ROWS" ] && [ "${COUNTS[1]}" = "$ROWS" ] \
    && [ "${COUNTS[2]}" = "$ROWS" ]
