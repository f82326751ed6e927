#!/usr/bin/env bash
# Prints where a JFR recording's CPU samples are: the top frames, then the innermost frames of the project's own code
# (share of all samples). Used by bench/decisions.sh, bench/purge.sh and bench/import.sh with BENCH_JFR=1:
# bench/jfr-top.sh FILE.jfr
set -euo pipefail
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
jfr print --events jdk.ExecutionSample "$1" > "$samples"
awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); top[$0]++; n++ }
     END { for (f in top) printf("%5.1f%%  %s\n", 100 * top[f] / n, f) }' "$samples" | sort -rn | head -15 || true
awk '/stackTrace = \[/ { inside = 1; next } inside && /eu\.consent\./ { sub(/^[ \t]+/, ""); sub(/line:.*/, "");
     hit[$0]++; inside = 0 } /^}/ { inside = 0 } /jdk.ExecutionSample/ { n++ }
     END { for (f in hit) printf("%5.1f%%  %s\n", 100 * hit[f] / n, f) }' "$samples" | sort -rn | head -10 || true
