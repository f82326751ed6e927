#!/usr/bin/env bash
# Benchmark and crash test of the retention purge (issue 6), one command: bench/purge.sh
#
# Seeds BENCH_CONTACTS contacts (1,000,000) of which BENCH_STALE (0.3) were last active four years ago, starts a
# server of its own (consentBench, port BENCH_PORT=9281) and runs the retention-purge job. With BENCH_KILL_AFTER=N
# (seconds; 0 to skip), the server is killed with kill -9 N seconds into the purge, started again, and the execution
# restarted from its last checkpoint. At the end, from the stopped server's database: stale contacts left (must be
# 0), fresh contacts left (must be all of them) and purge audit entries (must equal the stale contacts: nothing
# purged twice, nothing lost). BENCH_KEEP_DB=1 reuses a seeded database copy (seeding takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
CONTACTS=${BENCH_CONTACTS:-1000000}
STALE=${BENCH_STALE:-0.3}
PORT=${BENCH_PORT:-9281}
KILL_AFTER=${BENCH_KILL_AFTER:-20}
CHUNK=${BENCH_CHUNK:-500}

calc() { awk "BEGIN { print $* }"; }

echo "== building"
mvn -q -B -DskipTests -DskipITs install
mvn -q -B -f consent-ear/pom.xml liberty:create >/dev/null
WLP=consent-ear/target/liberty/wlp
SERVER=$WLP/usr/servers/consentBench
DB=$(pwd)/consent-ear/target/bench-data/purgedb
SEEDED=$(pwd)/consent-ear/target/bench-data/purgedb-seeded
"$WLP/bin/server" stop consentBench >/dev/null 2>&1 || true
rm -rf "$SERVER" "$DB"
"$WLP/bin/server" create consentBench >/dev/null
cp server.xml jvm.options "$SERVER/"
cp -r liberty/db "$SERVER/"
mkdir -p "$SERVER/apps"
cp consent-ear/target/consent.ear "$SERVER/apps/"
printf 'http.port=%s\nhttps.port=%s\nconsent.db.path=%s\nconsent.schedule.enabled=false\n' \
    "$PORT" "$((PORT + 1))" "$DB" > "$SERVER/bootstrap.properties"
DERBY=$(ls "$WLP"/usr/shared/resources/derby/*.jar | tr '\n' ':')
if [ "${BENCH_KEEP_DB:-0}" != 1 ] || [ ! -d "$SEEDED" ]; then
    echo "== seeding $CONTACTS contacts, a share of $STALE stale"
    rm -rf "$SEEDED"
    java -Dderby.storage.pageCacheSize=100000 \
        -cp "${DERBY}consent-ear/target/consent/lib/*" \
        bench/Seed.java "$SEEDED" "$CONTACTS" 0 "$STALE"
fi
cp -r "$SEEDED" "$DB"
COUNT_STALE="SELECT COUNT(*) FROM contact WHERE last_active_at < {fn TIMESTAMPADD(SQL_TSI_MONTH, -36, CURRENT_TIMESTAMP)}"
STALE_BEFORE=$(java -cp "$DERBY" bench/Count.java "$DB" "$COUNT_STALE")
echo "stale contacts before: $STALE_BEFORE"

start_server() {
    "$WLP/bin/server" start consentBench >/dev/null
    until curl -sf "http://localhost:$PORT/health/ready" >/dev/null; do sleep 0.2; done
}
status() {
    curl -sf -u admin:dev-admin "http://localhost:$PORT/api/v1/jobs/executions/$1" | sed -E 's/.*"status":"([A-Z]+)".*/\1/'
}
await() {
    while true; do
        s=$(status "$1")
        case "$s" in COMPLETED|FAILED|STOPPED|ABANDONED) echo "$s"; return ;; esac
        sleep 1
    done
}

start_server
trap '"$WLP/bin/server" stop consentBench >/dev/null 2>&1 || true' EXIT
echo "== purging (chunks of $CHUNK)"
started=$(date +%s.%N)
EXECUTION=$(curl -sf -u admin:dev-admin -X POST "http://localhost:$PORT/api/v1/jobs/retention-purge?chunkSize=$CHUNK" \
    | sed -E 's/.*"executionId":([0-9]+).*/\1/')
if [ "$KILL_AFTER" != 0 ]; then
    sleep "$KILL_AFTER"
    echo "== kill -9 of the server during the purge"
    kill -9 "$(cat "$WLP/usr/servers/.pid/consentBench.pid")"
    sleep 1
    start_server
    echo "execution $EXECUTION after the crash: $(status "$EXECUTION")"
    EXECUTION=$(curl -sf -u admin:dev-admin -X POST "http://localhost:$PORT/api/v1/jobs/executions/$EXECUTION/restart" \
        | sed -E 's/.*"executionId":([0-9]+).*/\1/')
    echo "restarted as execution $EXECUTION"
fi
result=$(await "$EXECUTION")
ended=$(date +%s.%N)
curl -sf -u admin:dev-admin "http://localhost:$PORT/api/v1/jobs/executions/$EXECUTION"; echo
"$WLP/bin/server" stop consentBench >/dev/null
trap - EXIT
COUNTS=($(java -cp "$DERBY" bench/Count.java "$DB" "$COUNT_STALE" \
    "SELECT COUNT(*) FROM contact WHERE last_active_at >= {fn TIMESTAMPADD(SQL_TSI_MONTH, -36, CURRENT_TIMESTAMP)}" \
    "SELECT COUNT(*) FROM audit_entry WHERE action = 'CONTACT_PURGED'"))
LEFT=${COUNTS[0]}
FRESH=${COUNTS[1]}
PURGED=${COUNTS[2]}
seconds=$(calc "$ended - $started")
printf 'purge            : %s, %s stale of %s contacts in %.1f s (%.0f purged/s; target 60 s)\n' \
    "$result" "$STALE_BEFORE" "$CONTACTS" "$seconds" "$(calc "$STALE_BEFORE / $seconds")"
printf 'after            : %s stale left (want 0), %s fresh kept (want %s), %s purge audit entries (want %s)\n' \
    "$LEFT" "$FRESH" "$((CONTACTS - STALE_BEFORE))" "$PURGED" "$STALE_BEFORE"
echo "machine          : $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
[ "$LEFT" = 0 ] && [ "$PURGED" = "$STALE_BEFORE" ] && [ "$FRESH" = "$((CONTACTS - STALE_BEFORE))" ]
