#!/usr/bin/env bash
# Runs the benchmarks and prints their figures: API latency, wrk throughput, import rate, live-event delay,
# rule-score recompute, predictive scoring rebuild + recompute, outgoing mail to a local SMTP sink, inbound mail parsing,
# kiosk idle CPU in headless Chromium.
# Usage: bash bench/run.sh [leads]   (default 200000; try 1000000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh" >/dev/null
cmake --build "$root/build" --target tumen_benches -j "$(nproc)" >/dev/null
leads=${1:-200000}
"$root/build/bench/tumen_bench_api" "$leads"
bash "$root/bench/wrk.sh" "$leads"
"$root/build/bench/tumen_bench_import" --no-version | grep -v '^\[doctest\]\|^=*$'
"$root/build/bench/tumen_bench_events" 200 50
"$root/build/bench/tumen_bench_score_rules" "$leads"
"$root/build/bench/tumen_bench_scoring" 1000000
"$root/build/bench/tumen_bench_predictive" "$leads"
"$root/build/bench/tumen_bench_mail_send" 10000
"$root/build/bench/tumen_bench_mail_parse" 10000
# Kiosk idle cost in headless Chromium (needs the web client of the build and Debian's chromium).
if [ -x /usr/bin/chromium ] && [ -f "$root/build/web/tumen.wasm" ]; then
  TUMEN_SERVER="$root/build/server/tumen-server" TUMEN_WEB_DIR="$root/build/web" node "$root/bench/kiosk_idle.mjs" 30 1000
fi
