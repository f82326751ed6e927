#!/bin/sh
# Starts one server of the consent service from consent-server.jar (made by `mvn package` beside this script), so
# that it can be stopped, or crash, and start again as the same member of a cluster:
#
#   CONSENT_HOME=/var/lib/consent CONSENT_DB_TYPE=postgresql CONSENT_DB_URL=… sh consent-server.sh
#
# - Liberty is unpacked into $CONSENT_HOME/server, the same folder at every start: that path is the server's identity
#   in the batch job repository, which marks the jobs a crashed server was running FAILED, for a restart, only when
#   a server of that identity starts again. The jar refuses a folder a previous run left (a crash, or SIGTERM with a
#   folder chosen by WLP_JAR_EXTRACT_DIR): it holds nothing but the unpacked jar, so it is removed first.
# - What a server writes — logs, FFDC incidents, its work area and, with Derby, the database, uploads and the audit
#   head — goes to $CONSENT_HOME/output (WLP_OUTPUT_DIR), which no start removes.
# - The Java options the service needs (UTC) are given here: `java -jar` reads no jvm.options before Liberty starts.
#   JAVA_OPTS adds yours (heap, GC); JAVA_HOME, if set, chooses the Java.
# Stop it with SIGTERM (kill, Ctrl-C, systemd's stop): Liberty stops cleanly. Environment variables configure it as
# they configure any server (README, "Running a cluster"); arguments are passed to the server.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
home=${CONSENT_HOME:-$here/consent-home}
jar=${CONSENT_SERVER_JAR:-$here/consent-server.jar}
if [ ! -f "$jar" ]; then
    echo "consent-server.sh: no server jar at $jar (CONSENT_SERVER_JAR names it)" >&2
    exit 2
fi
mkdir -p "$home/output"
home=$(cd "$home" && pwd)
# A server still running from the folder (the jar's launcher may have been killed alone, leaving Liberty's own JVM).
if command -v pgrep >/dev/null 2>&1 && pgrep -f -- "$home/server/wlp/" >/dev/null 2>&1; then
    echo "consent-server.sh: a server runs from $home/server (pids: $(pgrep -f -- "$home/server/wlp/" | tr '\n' ' '));" \
        "stop it first" >&2
    exit 1
fi
rm -rf "$home/server"
export WLP_JAR_EXTRACT_DIR="$home/server"
export WLP_OUTPUT_DIR="$home/output"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Duser.timezone=UTC -Dfile.encoding=UTF-8 ${JAVA_OPTS:-} -jar "$jar" "$@"
