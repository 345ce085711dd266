#!/usr/bin/env bash
# One command: install what is missing, build everything, run every test (domain native + wasm, server
# integration, client view models, browser end-to-end) through ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure -j 2 "$@"
