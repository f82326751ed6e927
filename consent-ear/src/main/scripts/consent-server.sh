#!/bin/sh
# Starts one server of the consent service from consent-server.jar (made by `mvn package` beside this script), so
# that it can be stopped, or crash, and start again as the same member of a cluster:
#
#   CONSENT_HOME=/var/lib/consent CONSENT_DB_TYPE=postgresql CONSENT_DB_URL=… sh consent-server.sh
#
# - Liberty is unpacked into $CONSENT_HOME/server, the same folder at every start: that path is the server's identity
#   in the batch job repository, which marks the jobs a crashed server was running FAILED, for a restart, only when
#   a server of that identity starts again. The jar refuses a folder a previous run left (a crash, or SIGTERM with a
#   folder chosen by WLP_JAR_EXTRACT_DIR): it holds nothing but the unpacked jar, so it is removed first — and only
#   when it is that (a folder holding anything else is left alone, and the start refused).
# - What a server writes — logs, FFDC incidents, its work area and, with Derby, the database, uploads and the audit
#   head — goes to $CONSENT_HOME/output (WLP_OUTPUT_DIR), which no start removes.
# - The Java options the service needs (UTC) are given here: `java -jar` reads no jvm.options before Liberty starts.
#   JAVA_OPTS adds yours (heap, GC); JAVA_HOME, if set, chooses the Java.
# - A start while a server of this CONSENT_HOME runs (its launcher, or Liberty's own JVM left by a launcher killed
#   alone) is refused; so is one while another start holds $CONSENT_HOME/.starting.
# Stop it with SIGTERM (kill, Ctrl-C, systemd's stop): Liberty stops cleanly. Environment variables configure it as
# they configure any server (README, "Running a cluster"); arguments are passed to the server.
set -eu
refuse() {
    echo "consent-server.sh: $*" >&2
    exit 1
}
here=$(CDPATH= cd -P -- "$(dirname -- "$0")" && pwd -P)
home=${CONSENT_HOME:-$here/consent-home}
jar=${CONSENT_SERVER_JAR:-$here/consent-server.jar}
[ -f "$jar" ] || refuse "no server jar at $jar (CONSENT_SERVER_JAR names it)"
command -v pgrep >/dev/null 2>&1 || refuse "pgrep (procps) is needed to tell whether a server runs already"
mkdir -p "$home/output"
home=$(CDPATH= cd -P -- "$home" && pwd -P)
mkdir "$home/.starting" 2>/dev/null ||
    refuse "another start holds $home/.starting (remove that folder if no start is under way)"
# From here to the exec, the lock is ours: it goes whatever happens.
trap 'rmdir "$home/.starting" 2>/dev/null || true' EXIT
if [ -f "$home/server.pid" ] && kill -0 "$(cat "$home/server.pid")" 2>/dev/null; then
    refuse "a server of $home already runs (pid $(cat "$home/server.pid")); stop it first"
fi
# Liberty's own JVM runs from the unpacked folder: its command line names it (matched as text, not as a pattern).
pattern=$(printf '%s' "$home/server/wlp/" | sed 's/[][\\.*^$(){}+?|]/\\&/g')
set +e
running=$(pgrep -f -- "$pattern")
found=$?
set -e
[ "$found" -le 1 ] || refuse "pgrep failed ($found): cannot tell whether a server runs from $home/server"
[ -z "$running" ] || refuse "a server runs from $home/server (pids: $(echo $running)); stop it first"
if [ -e "$home/server" ]; then
    left=$(ls -A "$home/server")
    [ "$left" = "wlp" ] && [ -f "$home/server/wlp/lib/versions/openliberty.properties" ] ||
        refuse "$home/server holds something else than an unpacked server; move it away"
    rm -rf "$home/server"
fi
echo $$ > "$home/server.pid"
export WLP_JAR_EXTRACT_DIR="$home/server"
export WLP_OUTPUT_DIR="$home/output"
rmdir "$home/.starting"
trap - EXIT
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Duser.timezone=UTC -Dfile.encoding=UTF-8 ${JAVA_OPTS:-} -jar "$jar" "$@"
