#!/usr/bin/env bash
# Throughput of GET /api/v1/leads/{id} under wrk (8 connections), as a ratio to the no-op GET /api/v1/health of
# the same server in the same run. Uses the database tumen_bench_api generated (run bench/run.sh first).
# Usage: bash bench/wrk.sh [leads] [seconds]    (defaults 200000, 10)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
leads=${1:-200000}
seconds=${2:-10}
dir=/tmp/tumen-bench-$leads
server=${TUMEN_BUILD_DIR:-$root/build}/server/tumen-server
[ -f "$dir/tumen.db" ] || { echo "no benchmark database in $dir: run bash bench/run.sh $leads first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: bash scripts/bootstrap.sh installs it" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$server" --data-dir "$dir" --port "$port" --demo-data false --quiet true >/tmp/tumen-wrk-server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.2; done
cookie=$(curl -si "http://127.0.0.1:$port/api/v1/session/login" -H 'Content-Type: application/json' \
  -d '{"login":"admin","password":"bench-password-1"}' | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)
[ -n "$cookie" ] || { echo "login failed" >&2; exit 1; }
rate() {  # requests per second of wrk on one path
  wrk -t2 -c8 -d"${seconds}s" -H "Cookie: $cookie" "http://127.0.0.1:$port$1" | awk '/Requests\/sec/ {print $2}'
}
rate /api/v1/health >/dev/null  # warm-up
base=$(rate /api/v1/health)
lead=$(rate /api/v1/leads/12345)
printf 'wrk, 8 connections, %ss each, %s leads\n' "$seconds" "$leads"
printf '%-34s %12s\n' "GET /api/v1/health (no-op)" "$base"
printf '%-34s %12s   ratio %.2f\n' "GET /api/v1/leads/12345" "$lead" "$(python3 -c "print($lead / $base)")"
