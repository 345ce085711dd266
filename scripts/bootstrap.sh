#!/usr/bin/env bash
# Installs what Tumen needs on Debian 12 and does nothing when all is present (safe to run every time).
# Debian packages, Dear ImGui 1.86 source (Debian source package, into .deps/), and the npm packages of the
# browser tests (pinned by tests/e2e/package-lock.json). Nothing is downloaded from outside Debian and npm.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake pkg-config ca-certificates
  emscripten nodejs npm
  libsqlite3-dev libcpp-httplib-dev nlohmann-json3-dev doctest-dev libsodium-dev libssl-dev zlib1g-dev libbrotli-dev
  libxlsxwriter-dev libgmime-3.0-dev libcurl4-openssl-dev
  libical-dev libhowardhinnant-date-dev tzdata libcairo2-dev libpango1.0-dev poppler-utils
  python3-aiosmtpd
  fonts-dejavu-core
  chromium
  python3 sqlite3 wrk curl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The machine's own node/npm may come from outside Debian's packages: accept them when present.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
  read -r -a missing <<<"${missing[*]}"
fi

apt_updated=0
apt_update_once() { [ "$apt_updated" = 1 ] || { apt-get update -qq; apt_updated=1; }; }

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui 1.86 source from Debian's source package (never committed).
imgui_dir="$root/.deps/imgui"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  command -v dpkg-source >/dev/null || { apt_update_once; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpkg-dev; }
  if [ ! -f /etc/apt/sources.list.d/debian-src.sources ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/debian-src.sources
    apt_updated=0
  fi
  apt_update_once
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq imgui >/dev/null)
  src=$(find "$tmp" -maxdepth 1 -type d -name 'imgui-*' | head -n1)
  [ -f "$src/imgui.cpp" ] || { echo "bootstrap: imgui source not found in Debian's source package" >&2; exit 1; }
  mkdir -p "$root/.deps"; rm -rf "$imgui_dir"; mv "$src" "$imgui_dir"; rm -rf "$tmp"
  echo "bootstrap: Dear ImGui source in $imgui_dir"
fi

# npm data the domain library compiles in (the free e-mail domain list), pinned by its lock file. Its install
# script would fetch a newer list from outside npm: the list is taken as published.
shared_npm="$root/shared/npm"
if [ ! -f "$shared_npm/node_modules/free-email-domains/domains.json" ]; then
  (cd "$shared_npm" && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi

# npm packages of the browser tests, pinned by the committed lock file.
e2e="$root/tests/e2e"
if [ -f "$e2e/package.json" ] && [ ! -d "$e2e/node_modules/playwright-core" ]; then
  if [ -f "$e2e/package-lock.json" ]; then (cd "$e2e" && npm ci --no-audit --no-fund --silent)
  else (cd "$e2e" && npm install --no-audit --no-fund --silent); fi
fi
echo "bootstrap: all dependencies present"
