#!/usr/bin/env bash
# Runs the benchmarks and prints their figures. Usage: bash bench/run.sh [leads]   (default 200000; try 1000000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh" >/dev/null
"$root/build/bench/tumen_bench_api" "${1:-200000}"
