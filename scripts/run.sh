#!/usr/bin/env bash
# One command: install what is missing, build, and start the server with demo data on an embedded SQLite file.
# Prints the URL and, on first start, the administrator's login. Extra arguments go to tumen-server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh"
exec "$root/build/server/tumen-server" --data-dir "${TUMEN_DATA_DIR:-$root/data}" --web-root "$root/build/web" "$@"
