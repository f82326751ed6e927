#!/usr/bin/env bash
# Benchmark and crash test of the retention purge (issues 6 and 15), one command: bench/purge.sh
#
# Seeds BENCH_CONTACTS contacts (1,000,000) of which BENCH_STALE (0.3) were last active four years ago, starts a
# server of its own (consentBench, port BENCH_PORT=9281) and runs the retention-purge job (BENCH_PARTITIONS
# partitions; default: the job's own, the server's cores). With BENCH_KILL_AFTER=N (seconds; 0 to skip), the server
# is killed with kill -9 N seconds into the purge, started again, and the execution restarted from its last
# checkpoints. At the end, from the stopped server's database: stale contacts left (must be 0), fresh contacts left
# (must be all of them) and contacts listed by the purge's audit entries (must equal the stale contacts, each once:
# nothing purged twice, nothing lost).
#
# BENCH_DB=derby (default) or postgresql: the latter starts a throw-away PostgreSQL 15 cluster under
# consent-ear/target/bench-pg on BENCH_PG_PORT (55439), as the tests do (src/test/postgresql/pg-cluster.sh), and runs
# the server with consent.db.type=postgresql. BENCH_KEEP_DB=1 (Derby) reuses a seeded database copy (seeding takes
# minutes). The seeding and counting JVMs are capped at 1 GiB of heap: the machine may be shared. BENCH_JFR=1 records
# the server's CPU samples with JFR during the purge (after the restart, if it was killed) and prints the top frames.
set -euo pipefail
cd "$(dirname "$0")/.."
CONTACTS=${BENCH_CONTACTS:-1000000}
STALE=${BENCH_STALE:-0.3}
PORT=${BENCH_PORT:-9281}
KILL_AFTER=${BENCH_KILL_AFTER:-20}
CHUNK=${BENCH_CHUNK:-500}
DBTYPE=${BENCH_DB:-derby}
PG_PORT=${BENCH_PG_PORT:-55439}
PARTITIONS=${BENCH_PARTITIONS:-}

calc() { awk "BEGIN { print $* }"; }

echo "== building"
# package, not install: nothing of this build goes to the shared local repository; liberty:create needs the reactor.
mvn -q -B -DskipTests -DskipITs package liberty:create >/dev/null
WLP=consent-ear/target/liberty/wlp
SERVER=$WLP/usr/servers/consentBench
DATA=$(pwd)/consent-ear/target/bench-data
DB=$DATA/purgedb
SEEDED=$DATA/purgedb-seeded
PGDIR=consent-ear/target/bench-pg
"$WLP/bin/server" stop consentBench >/dev/null 2>&1 || true
rm -rf "$SERVER" "$DB" "$DB-imports" "$DB-audit-head.json"
"$WLP/bin/server" create consentBench >/dev/null
cp server.xml jvm.options "$SERVER/"
# BENCH_JVM="-Dname=value ..." adds JVM options to the server's (e.g. a larger Derby page cache), to compare in one command.
for option in ${BENCH_JVM:-}; do echo "$option" >> "$SERVER/jvm.options"; done
cp -r liberty/db "$SERVER/"
mkdir -p "$SERVER/apps" "$DATA"
cp consent-ear/target/consent.ear "$SERVER/apps/"
printf 'http.port=%s\nhttps.port=%s\nconsent.db.path=%s\nconsent.schedule.enabled=false\n' \
    "$PORT" "$((PORT + 1))" "$DB" > "$SERVER/bootstrap.properties"
DRIVERS=$(ls "$WLP"/usr/shared/resources/derby/*.jar "$WLP"/usr/shared/resources/postgresql/*.jar | tr '\n' ':')
if [ "$DBTYPE" = postgresql ]; then
    URL="jdbc:postgresql://127.0.0.1:$PG_PORT/consent"
    sh consent-ear/src/test/postgresql/pg-cluster.sh start "$PGDIR" "$PG_PORT"
    trap 'sh consent-ear/src/test/postgresql/pg-cluster.sh stop "$PGDIR"' EXIT
    printf 'consent.db.type=postgresql\nconsent.db.url=%s\nconsent.db.user=consent\nconsent.db.password=consent\n' \
        "$URL" >> "$SERVER/bootstrap.properties"
    echo "== seeding $CONTACTS contacts, a share of $STALE stale (PostgreSQL)"
    java -Xmx1g -cp "${DRIVERS}consent-ear/target/consent/lib/*" bench/Seed.java "$URL" "$CONTACTS" 0 "$STALE"
    TARGET=$URL
else
    if [ "${BENCH_KEEP_DB:-0}" != 1 ] || [ ! -d "$SEEDED" ]; then
        echo "== seeding $CONTACTS contacts, a share of $STALE stale (Derby)"
        rm -rf "$SEEDED"
        java -Xmx1g -Dderby.storage.pageCacheSize=100000 \
            -cp "${DRIVERS}consent-ear/target/consent/lib/*" \
            bench/Seed.java "$SEEDED" "$CONTACTS" 0 "$STALE"
    fi
    cp -r "$SEEDED" "$DB"
    TARGET=$DB
fi
count() { java -Xmx512m -cp "$DRIVERS" bench/Count.java "$TARGET" "$@"; }
# The seed's stale contacts are four years old, the fresh ones new: any cut-off between the two tells them apart.
LINE={ts\ \'$(date -u -d '42 months ago' '+%Y-%m-%d %H:%M:%S')\'}
STALE_BEFORE=$(count "SELECT COUNT(*) FROM contact WHERE last_active_at < $LINE")
echo "stale contacts before: $STALE_BEFORE"

start_server() {
    "$WLP/bin/server" start consentBench >/dev/null
    until curl -sf "http://localhost:$PORT/health/ready" >/dev/null; do sleep 0.2; done
}
status() {
    # The job's own status, not its last step's: it comes just before "steps".
    curl -sf -u admin:dev-admin "http://localhost:$PORT/api/v1/jobs/executions/$1" | sed -E 's/.*"status":"([A-Z]+)","steps".*/\1/'
}
await() {
    while true; do
        s=$(status "$1")
        case "$s" in COMPLETED|FAILED|STOPPED|ABANDONED) echo "$s"; return ;; esac
        sleep 1
    done
}
stop_all() {
    "$WLP/bin/server" stop consentBench >/dev/null 2>&1 || true
    if [ "$DBTYPE" = postgresql ]; then sh consent-ear/src/test/postgresql/pg-cluster.sh stop "$PGDIR"; fi
}

start_server
trap stop_all EXIT
echo "== purging (chunks of $CHUNK, partitions: ${PARTITIONS:-one per core}) on $DBTYPE; load: $(cut -d' ' -f1-3 /proc/loadavg)"
started=$(date +%s.%N)
EXECUTION=$(curl -sf -u admin:dev-admin -X POST \
    "http://localhost:$PORT/api/v1/jobs/retention-purge?chunkSize=$CHUNK${PARTITIONS:+&partitions=$PARTITIONS}" \
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
if [ "${BENCH_JFR:-0}" = 1 ]; then
    jcmd "$(cat "$WLP/usr/servers/.pid/consentBench.pid")" JFR.start name=purge settings=profile \
        filename=/tmp/bench-purge.jfr >/dev/null
fi
result=$(await "$EXECUTION")
ended=$(date +%s.%N)
if [ "${BENCH_JFR:-0}" = 1 ]; then
    jcmd "$(cat "$WLP/usr/servers/.pid/consentBench.pid")" JFR.stop name=purge >/dev/null
    echo "== CPU split of the purge (JFR execution samples: top frames, then top consent frames)"
    bash bench/jfr-top.sh /tmp/bench-purge.jfr
fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -sf -u admin:dev-admin "http://localhost:$PORT/api/v1/jobs/executions/$EXECUTION"; echo
"$WLP/bin/server" stop consentBench >/dev/null
PURGE_AUDIT="FROM audit_subject s JOIN audit_entry e ON e.seq = s.entry_seq WHERE e.action = 'CONTACT_PURGED'"
COUNTS=($(count "SELECT COUNT(*) FROM contact WHERE last_active_at < $LINE" \
    "SELECT COUNT(*) FROM contact WHERE last_active_at >= $LINE" \
    "SELECT COUNT(*) $PURGE_AUDIT" \
    "SELECT COUNT(DISTINCT s.contact_key) $PURGE_AUDIT" \
    "SELECT COUNT(*) FROM audit_entry WHERE action = 'CONTACT_PURGED'"))
stop_all
trap - EXIT
LEFT=${COUNTS[0]}
FRESH=${COUNTS[1]}
LISTED=${COUNTS[2]}
DISTINCT=${COUNTS[3]}
ENTRIES=${COUNTS[4]}
seconds=$(calc "$ended - $started")
printf 'purge            : %s, %s stale of %s contacts in %.1f s (%.0f purged/s; target 60 s) on %s\n' \
    "$result" "$STALE_BEFORE" "$CONTACTS" "$seconds" "$(calc "$STALE_BEFORE / $seconds")" "$DBTYPE"
printf 'after            : %s stale left (want 0), %s fresh kept (want %s), %s contacts in %s purge audit entries,' \
    "$LEFT" "$FRESH" "$((CONTACTS - STALE_BEFORE))" "$LISTED" "$ENTRIES"
printf ' %s distinct (want %s each)\n' "$DISTINCT" "$STALE_BEFORE"
echo "machine          : $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
[ "$LEFT" = 0 ] && [ "$LISTED" = "$STALE_BEFORE" ] && [ "$DISTINCT" = "$STALE_BEFORE" ] \
    && [ "$FRESH" = "$((CONTACTS - STALE_BEFORE))" ]
