#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: everything a fresh clone needs beyond the .NET SDK, Node/npm and apt.
# Each step is skipped when already done, so a second run is quick.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root (or sudo) to run: $*" >&2; return 1; fi
}

# Debian packages, installed only when a command is missing: setup_apt ffmpeg:ffmpeg chromium:chromium
setup_apt() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Azurite from the version pinned in package-lock.json.
setup_npm() {
  local stamp="$root/node_modules/.package-lock.json"
  if [ ! -x "$root/node_modules/.bin/azurite" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
    echo "setup: installing npm packages (Azurite)"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
