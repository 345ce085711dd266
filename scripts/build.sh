#!/usr/bin/env bash
# Installs what is missing, then configures and builds everything (native + wasm) into build/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/bootstrap.sh"
# Release (-O2, no debug info) by default: debug info makes the build about a third slower, and the test run
# must fit its time budget on 2 cores. TUMEN_BUILD_TYPE=RelWithDebInfo for a build to debug.
# Unity build, 16 sources per compiler run: headers are parsed and templates instantiated once per batch, not per file
# (compiler CPU per batch: 1.8x less for shared/ at -O2, 3.4x for server/, 6.6x for the server tests at -O0).
# TUMEN_UNITY=OFF for a build where touching one file recompiles only that file.
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE="${TUMEN_BUILD_TYPE:-Release}" \
      -DCMAKE_UNITY_BUILD="${TUMEN_UNITY:-ON}" -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 >/dev/null
cmake --build "$root/build" -j "$(nproc)"
