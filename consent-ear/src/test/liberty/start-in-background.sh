#!/bin/sh
# start-in-background.sh WLP SERVER=SKIP...: starts each server whose SKIP is not "true" with Liberty's own script, one
# after the other, while the build goes on (Maven runs this asynchronously, beside the Derby run of the black-box
# tests; -Dit.pg.skip / -Dit.cluster.skip leave the servers of a skipped run stopped). Each server's folder was written
# beforehand by plain copies (server.xml, jvm.options, the data sources, and bootstrap.properties from
# src/test/liberty/servers, which hold its ports and database). A server an interrupted build left running is stopped
# first: the tests would otherwise pass their readiness check against its old code and data. The tests that need a
# server wait for its /health/ready (ServerReadiness, ClusterIT), and stop-servers.sh stops it after the tests. A server
# that fails to start says why in WLP/usr/servers/SERVER/logs/console.log and messages.log.
set -u
wlp=$1
shift
for pair in "$@"; do
    server=${pair%%=*}
    if [ "${pair#*=}" = "true" ]; then
        continue
    fi
    "$wlp/bin/server" stop "$server" >/dev/null 2>&1 || true
    if ! "$wlp/bin/server" start "$server"; then
        echo "start-in-background.sh: $server did not report its start; see $wlp/usr/servers/$server/logs" >&2
    fi
done
