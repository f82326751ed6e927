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
# BENCH_DB=postgresql runs both sides on a throw-away PostgreSQL 15 cluster (src/test/postgresql/pg-cluster.sh, port
# BENCH_PG_PORT=55449, under target/): the raw baseline into database import_raw, the server into database consent.
# BENCH_SPLIT=N (1) measures what N writers at once would gain on this machine (the upper bound of partitioning the
# import's writing step): the same rows split round-robin into N files, uploaded together as N imports, timed from
# the first upload to the last COMPLETED. BENCH_PARTITIONS=N passes ?partitions=N to the upload (default: the server's,
# 1 on Derby, its cores on PostgreSQL). BENCH_JFR=1 records the server's CPU samples with JFR from the upload to the end
# and prints the top frames.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${BENCH_ROWS:-1000000}
PORT=${BENCH_PORT:-9281}
HTTPS_PORT=${BENCH_HTTPS_PORT:-$((PORT + 1))}
CHUNK=${BENCH_CHUNK:-1000}
KILL_AFTER=${BENCH_KILL_AFTER:-0}
DBTYPE=${BENCH_DB:-derby}
PG_PORT=${BENCH_PG_PORT:-55449}
SPLIT=${BENCH_SPLIT:-1}
PARTITIONS=${BENCH_PARTITIONS:+&partitions=$BENCH_PARTITIONS}

calc() { awk "BEGIN { print $* }"; }

echo "== building"
# package, never install (the shared ~/.m2 stays clean): liberty:create runs in every module of the reactor, the EAR's
# server is the one used.
mvn -q -B -DskipTests -DskipITs package liberty:create >/dev/null
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
# BENCH_JVM="-Dname=value ..." adds JVM options to the server's (e.g. a larger Derby page cache), to compare in one command.
for option in ${BENCH_JVM:-}; do echo "$option" >> "$SERVER/jvm.options"; done
cp -r liberty/db "$SERVER/"
mkdir -p "$SERVER/apps"
cp consent-ear/target/consent.ear "$SERVER/apps/"
printf 'http.port=%s\nhttps.port=%s\nconsent.db.path=%s\nconsent.schedule.enabled=false\n' \
    "$PORT" "$HTTPS_PORT" "$DB" > "$SERVER/bootstrap.properties"
DERBY=$(ls "$WLP"/usr/shared/resources/derby/*.jar "$WLP"/usr/shared/resources/postgresql/*.jar | tr '\n' ':')
RAW_DB=$RAW
COUNT_DB=$DB
if [ "$DBTYPE" = postgresql ]; then
    PGDIR=$DATA/pg
    sh consent-ear/src/test/postgresql/pg-cluster.sh start "$PGDIR" "$PG_PORT"
    su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p $PG_PORT -U postgres -q \
        -c 'CREATE DATABASE import_raw OWNER consent'" 2>/dev/null \
        || /usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c 'CREATE DATABASE import_raw OWNER consent'
    # Batched inserts rewritten into multi-row statements by the driver: the same URL option on both sides.
    PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/consent?reWriteBatchedInserts=true"
    RAW_DB="jdbc:postgresql://127.0.0.1:$PG_PORT/import_raw?reWriteBatchedInserts=true"
    COUNT_DB=$PG_URL
    printf 'consent.db.type=postgresql\nconsent.db.url=%s\nconsent.db.password=consent\n' "$PG_URL" \
        >> "$SERVER/bootstrap.properties"
fi
API="http://localhost:$PORT/api/v1"

start_server() {
    "$WLP/bin/server" start consentBench >/dev/null
    until curl -sf "http://localhost:$PORT/health/ready" >/dev/null; do sleep 0.2; done
}
start_server
stop_all() {
    "$WLP/bin/server" stop consentBench >/dev/null 2>&1 || true
    if [ "$DBTYPE" = postgresql ]; then sh consent-ear/src/test/postgresql/pg-cluster.sh stop "$PGDIR" || true; fi
}
trap stop_all EXIT
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

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== raw JDBC batch insert of the same rows"
read -r RAW_ROWS RAW_SECONDS < <(java -Dderby.storage.pageCacheSize=40000 \
    -cp "${DERBY}consent-ear/target/consent/lib/*" 2>/dev/null \
    bench/ImportBaseline.java "$RAW_DB" "$CSV" bench-import "$NOTICE" | tail -1)

echo "== import through the server (chunks of $CHUNK, $SPLIT import(s) at once) on $DBTYPE"
FILES=("$CSV")
if [ "$SPLIT" -gt 1 ]; then
    FILES=()
    for ((i = 0; i < SPLIT; i++)); do
        awk -v n="$SPLIT" -v k="$i" 'NR == 1 || (NR - 2) % n == k' "$CSV" > "$CSV.$i"
        FILES+=("$CSV.$i")
    done
fi
start_server
started=$(date +%s.%N)
IDS=()
for f in "${FILES[@]}"; do
    curl -sf -u integration:dev-integration -H 'Content-Type: text/csv' --data-binary "@$f" \
        "$API/imports?chunkSize=$CHUNK$PARTITIONS" | sed -E 's/.*"id":"([^"]+)".*/\1/' > "$f.id" &
done
wait
for f in "${FILES[@]}"; do IDS+=("$(cat "$f.id")"); done
ID=${IDS[0]}
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
if [ "${BENCH_JFR:-0}" = 1 ]; then
    jcmd "$(cat "$WLP/usr/servers/.pid/consentBench.pid")" JFR.start name=import settings=profile \
        filename=/tmp/bench-import.jfr >/dev/null
fi
READ=0
IMPORTED=0
for id in "${IDS[@]}"; do
    while true; do
        progress=$(curl -sf -u integration:dev-integration "$API/imports/$id")
        case "$progress" in *'"status":"COMPLETED"'*|*'"status":"FAILED"'*|*'"status":"STOPPED"'*) break ;; esac
        sleep 0.5
    done
    echo "$progress"
    READ=$((READ + $(echo "$progress" | sed -E 's/.*"read":([0-9]+).*/\1/')))
    IMPORTED=$((IMPORTED + $(echo "$progress" | sed -E 's/.*"imported":([0-9]+).*/\1/')))
done
ended=$(date +%s.%N)
if [ "${BENCH_JFR:-0}" = 1 ]; then
    jcmd "$(cat "$WLP/usr/servers/.pid/consentBench.pid")" JFR.stop name=import >/dev/null
    echo "== CPU split of the import (JFR execution samples: top frames, then top consent frames)"
    bash bench/jfr-top.sh /tmp/bench-import.jfr
fi
"$WLP/bin/server" stop consentBench >/dev/null
COUNTS=($(java -cp "$DERBY" bench/Count.java "$COUNT_DB" "SELECT COUNT(*) FROM contact" \
    "SELECT COUNT(*) FROM consent_event" "SELECT COUNT(*) FROM consent_state"))
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
stop_all
trap - EXIT
echo "database type    : $DBTYPE; load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine          : $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
[ "$READ" = "$ROWS" ] && [ "$IMPORTED" = "$ROWS" ] && [ "${COUNTS[0]}" = "$ROWS" ] && [ "${COUNTS[1]}" = "$ROWS" ] \
    && [ "${COUNTS[2]}" = "$ROWS" ]
