#!/usr/bin/env bash
# Measures the simulator's own CPU time for listing 100,000 accounts in
# 100-account pages: 1,000 sequential GETs over one keep-alive curl connection.
# Usage: bench_user_pages.sh [path/to/synapse-sim]
set -euo pipefail

sim=${1:-build/bin/synapse-sim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$sim" --admin-token bench --users 100000 --rooms 1000 --port-file "$work/port" >/dev/null 2>"$work/stderr" &
pid=$!
for _ in $(seq 200); do
  [[ -s $work/port ]] && break
  sleep 0.05
done
port=$(cat "$work/port")

for ((from = 0; from < 100000; from += 100)); do
  printf 'url = "http://127.0.0.1:%s/_synapse/admin/v2/users?from=%d&limit=100&guests=true&deactivated=true"\noutput = /dev/null\n' \
    "$port" "$from" >>"$work/curl.conf"
done

# utime + stime of the simulator, in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)

before=$(cpu_ticks)
start=$(date +%s.%N)
curl -s -H "Authorization: Bearer bench" --config "$work/curl.conf"
end=$(date +%s.%N)
after=$(cpu_ticks)

kill -TERM "$pid"
wait "$pid" || true
awk -v b="$before" -v a="$after" -v t="$ticks_per_second" -v s="$start" -v e="$end" \
  'BEGIN { printf "1000 requests: wall %.3f s, synapse-sim CPU %.3f s\n", e - s, (a - b) / t }'
