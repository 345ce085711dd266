#!/usr/bin/env bash
# Installs what is missing, then configures and builds everything (native + wasm) into build/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/bootstrap.sh"
# Release (-O2, no debug info) by default: debug info makes the build about a third slower, and the test run
# must fit its time budget on 2 cores. TUMEN_BUILD_TYPE=RelWithDebInfo for a build to debug.
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE="${TUMEN_BUILD_TYPE:-Release}" >/dev/null
cmake --build "$root/build" -j "$(nproc)"
