#!/bin/sh
# A throw-away PostgreSQL 15 cluster for the black-box tests on PostgreSQL (and the two-server ClusterIT):
#   pg-cluster.sh start DIR PORT   installs Debian's postgresql-15 when missing, creates a cluster in DIR/data (DIR is
#                                  wiped first), starts it on 127.0.0.1:PORT with its socket and log in DIR, creates
#                                  the user "consent" (password "consent") and its databases: "consent" (the suite),
#                                  "consent_cluster" (ClusterIT's two servers), "consent_migration" (ClusterIT)
#   pg-cluster.sh stop DIR         stops it (fast shutdown); does nothing when it is not running
# initdb refuses to run as root: as root the cluster belongs to the user postgres, which must own DIR. When postgres
# cannot reach DIR (a checkout under a folder only root may enter, as `mktemp -d` makes), the cluster lives in a
# folder of its own under /tmp and DIR is a link to it.
# PG_OPTS adds server settings, e.g. PG_OPTS="-c shared_preload_libraries=pg_stat_statements" to profile a benchmark.
set -eu
BIN=/usr/lib/postgresql/15/bin
action=$1
dir=$2
data=$dir/data

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/sh -c "$1"
    else
        sh -c "$1"
    fi
}

case "$action" in
start)
    port=$3
    if [ ! -x "$BIN/initdb" ]; then
        if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo -n"; fi
        echo "installing postgresql-15 from Debian for the tests on PostgreSQL"
        export DEBIAN_FRONTEND=noninteractive
        $as_root apt-get update -qq
        $as_root apt-get install -y -qq --no-install-recommends postgresql-15
    fi
    data=$(readlink -f "$dir" || echo "$dir")/data
    if [ -f "$data/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl -D '$data' -m immediate stop" || true
    fi
    if [ -L "$dir" ]; then
        rm -rf "$(readlink -f "$dir")"
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$dir"
        if ! su postgres -s /bin/sh -c "test -w '$dir'"; then
            rmdir "$dir"
            outside=$(mktemp -d /tmp/consent-pg.XXXXXX)
            chown postgres "$outside"
            ln -s "$outside" "$dir"
            echo "the user postgres cannot reach $dir: the cluster lives in $outside"
            dir=$outside
        fi
    fi
    data=$dir/data
    as_owner "$BIN/initdb -D '$data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
    # Small and fast: a test cluster needs no durability across power loss.
    as_owner "$BIN/pg_ctl -D '$data' -l '$dir/postgresql.log' -w -t 60 \
        -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
        -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB ${PG_OPTS:-}\" start"
    as_owner "$BIN/psql -h '$dir' -p $port -U postgres -q -v ON_ERROR_STOP=1 -d postgres \
        -c \"CREATE ROLE consent LOGIN PASSWORD 'consent'\" -c \"CREATE DATABASE consent OWNER consent\" \
        -c \"CREATE DATABASE consent_cluster OWNER consent\" -c \"CREATE DATABASE consent_migration OWNER consent\" \
        -c \"CREATE DATABASE consent_runnable OWNER consent\""
    echo "PostgreSQL test cluster up on 127.0.0.1:$port ($dir)"
    ;;
stop)
    data=$(readlink -f "$dir" || echo "$dir")/data
    if [ -f "$data/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl -D '$data' -m fast -w stop"
    fi
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
