#!/bin/sh
# stop-servers.sh WLP SERVER...: stops every server named, all at once, with Liberty's own script, and waits for the
# last (after the black-box tests, before their PostgreSQL cluster stops: a server whose database went first spends its
# stop on broken connections). A server that is not running, or was never created (a skipped run's), is left alone.
# One after the other, liberty:stop took 34 s of the build (6, 7, 11 and 10 s); at once, the longest of them.
set -u
wlp=$1
shift
for server in "$@"; do
    if [ -d "$wlp/usr/servers/$server" ]; then
        "$wlp/bin/server" stop "$server" >/dev/null 2>&1 &
    fi
done
wait
