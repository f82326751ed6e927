#!/bin/sh
# background-run.sh start REPORTS SKIP JAVA CLASSPATH JVM-ARG... -- CLASS-PATTERN...
# background-run.sh wait REPORTS SKIP
# The black-box suite against the server on PostgreSQL, in a JVM of its own beside Failsafe's Derby run
# (eu.consent.it.BackgroundRun): the two runs, one after the other, each left a quarter to two fifths of the two cores
# idle, waiting on their server. "start" (bound to integration-test, before the Derby run) launches it and returns;
# "wait" (post-integration-test, before the servers stop) waits for it to end, prints its failures, and makes sure a
# failsafe-summary.xml exists: Failsafe's verify goal (the "postgresql" execution) reads it and fails the build on a
# failed test — or on a run that ended without its summary (a crash, a kill) or never started, for which this writes
# one that says so. SKIP is Maven's -DskipTests / -Dmaven.test.skip ("true" skips both, as Failsafe does). Its output:
# REPORTS/run.log, a test's own output included. The JVM ends with the build that started it (its parent, Maven).
set -u
command=$1
reports=$2
skip=$3
shift 3
# Beside the reports folder, which the build cleans before "start": a run an interrupted build left behind is found.
pidfile="$reports.pid"
case "$skip" in
*true*) exit 0 ;;
esac
case "$command" in
start)
    java=$1
    classpath=$2
    shift 2
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        kill "$(cat "$pidfile")"
    fi
    rm -rf "$reports"
    mkdir -p "$reports"
    # The JVM's arguments in a file of its own (one quoted argument per line: a path with a space, a long class path).
    args="$reports/jvm.args"
    printf '"-Dit.background.parent=%s"\n' "$PPID" > "$args"
    printf '"-cp"\n"%s"\n' "$classpath" >> "$args"
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        printf '"%s"\n' "$1" >> "$args"
        shift
    done
    shift
    nohup "$java" "@$args" eu.consent.it.BackgroundRun "$reports" "$@" > "$reports/run.log" 2>&1 &
    echo $! > "$pidfile"
    echo "background-run.sh: the PostgreSQL run started (pid $!), its output in $reports/run.log"
    ;;
wait)
    waited=0
    if [ -f "$pidfile" ]; then
        pid=$(cat "$pidfile")
        # No single run has come near 15 minutes: past 30, it is stuck (its threads go to run.log first).
        while kill -0 "$pid" 2>/dev/null; do
            if [ "$waited" -ge 1800 ]; then
                echo "background-run.sh: the PostgreSQL run still runs after $waited s; its threads are in run.log" >&2
                kill -3 "$pid"
                sleep 2
                kill "$pid"
                sleep 5
                kill -9 "$pid" 2>/dev/null
                break
            fi
            sleep 2
            waited=$((waited + 2))
        done
        rm -f "$pidfile"
    fi
    mkdir -p "$reports"
    if [ ! -s "$reports/failsafe-summary.xml" ]; then
        {
            echo '<?xml version="1.0" encoding="UTF-8"?>'
            echo '<failsafe-summary timeout="false">'
            echo '    <completed>0</completed>'
            echo '    <errors>1</errors>'
            echo '    <failures>0</failures>'
            echo '    <skipped>0</skipped>'
            echo "    <failureMessage>The PostgreSQL run ended without its summary (or never started): see $reports/run.log</failureMessage>"
            echo '</failsafe-summary>'
        } > "$reports/failsafe-summary.xml"
        echo "background-run.sh: the PostgreSQL run ended without its summary; the end of $reports/run.log:" >&2
        tail -n 40 "$reports/run.log" >&2 2>/dev/null
    fi
    tail -n 1 "$reports/run.log" 2>/dev/null
    if [ -s "$reports/failures.txt" ]; then
        echo "background-run.sh: the PostgreSQL run's failures ($reports/failures.txt):" >&2
        cat "$reports/failures.txt" >&2
    fi
    ;;
esac
