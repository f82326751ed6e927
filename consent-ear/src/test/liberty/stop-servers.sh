#!/bin/sh
# stop-servers.sh WLP SERVER...: stops every server named, all at once, with Liberty's own script, and waits for each
# (after the black-box tests, before their PostgreSQL cluster stops: a server whose database went first spends its
# stop on broken connections). A server that is not running (Liberty's status 1), or was never created (a skipped
# run's), is left alone; one that could not be stopped is named, with its output, and the build goes on.
# One after the other, liberty:stop took 34 s of the build (6, 7, 11 and 10 s); at once, the longest of them.
set -u
wlp=$1
shift
pids=""
for server in "$@"; do
    if [ -d "$wlp/usr/servers/$server" ]; then
        "$wlp/bin/server" stop "$server" > "$wlp/usr/servers/$server/stop.out" 2>&1 &
        pids="$pids $!:$server"
    fi
done
for entry in $pids; do
    pid=${entry%%:*}
    server=${entry#*:}
    wait "$pid"
    rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "stop-servers.sh: $server did not stop (status $rc):" >&2
        cat "$wlp/usr/servers/$server/stop.out" >&2
    fi
done
