#!/bin/sh
# background-run.sh start REPORTS JAVA CLASSPATH JVM-ARG... -- CLASS-PATTERN...
# background-run.sh wait REPORTS
# The black-box suite against the server on PostgreSQL, in a JVM of its own beside Failsafe's Derby run
# (eu.consent.it.BackgroundRun): the two runs, one after the other, each left a quarter to two fifths of the two cores
# idle, waiting on their server. "start" (bound to integration-test, before the Derby run) launches it and returns;
# "wait" (post-integration-test, before the servers stop) waits for it to end, prints its failures, and makes sure a
# failsafe-summary.xml exists: Failsafe's verify goal (the "postgresql" execution) reads it and fails the build on a
# failed test — or on a run that ended without its summary (a crash, a kill), for which this writes one that says so.
# Its output: REPORTS/run.log; a test's own output goes there too.
set -u
command=$1
reports=$2
shift 2
case "$command" in
start)
    java=$1
    classpath=$2
    shift 2
    # A run an interrupted build left behind would go on testing the server this build restarts.
    if [ -f "$reports/pid" ] && kill -0 "$(cat "$reports/pid")" 2>/dev/null; then
        kill "$(cat "$reports/pid")"
    fi
    rm -rf "$reports"
    mkdir -p "$reports"
    jvm=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        jvm="$jvm $1"
        shift
    done
    shift
    # The JVM arguments (-Dname=value, none with a space) split on purpose; the class patterns are kept whole.
    # shellcheck disable=SC2086
    nohup "$java" $jvm -cp "$classpath" eu.consent.it.BackgroundRun "$reports" "$@" > "$reports/run.log" 2>&1 &
    echo $! > "$reports/pid"
    echo "background-run.sh: the PostgreSQL run started (pid $!), its output in $reports/run.log"
    ;;
wait)
    if [ ! -f "$reports/pid" ]; then
        exit 0
    fi
    pid=$(cat "$reports/pid")
    waited=0
    # No single run has come near 15 minutes: past 30, it is stuck (its stack goes to run.log first).
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
    if [ ! -s "$reports/failsafe-summary.xml" ]; then
        {
            echo '<?xml version="1.0" encoding="UTF-8"?>'
            echo '<failsafe-summary timeout="false">'
            echo '    <completed>0</completed>'
            echo '    <errors>1</errors>'
            echo '    <failures>0</failures>'
            echo '    <skipped>0</skipped>'
            echo "    <failureMessage>The PostgreSQL run ended without its summary: see $reports/run.log</failureMessage>"
            echo '</failsafe-summary>'
        } > "$reports/failsafe-summary.xml"
        echo "background-run.sh: the PostgreSQL run ended without its summary; the end of $reports/run.log:" >&2
        tail -n 40 "$reports/run.log" >&2
    fi
    tail -n 1 "$reports/run.log"
    if [ -s "$reports/failures.txt" ]; then
        echo "background-run.sh: the PostgreSQL run's failures ($reports/failures.txt):" >&2
        cat "$reports/failures.txt" >&2
    fi
    ;;
esac
