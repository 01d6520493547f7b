#!/usr/bin/env bash
# One command on a fresh machine (Node 20 + npm): install what the tests need (pnpm packages,
# Debian's Chromium if missing), build the client and the server, type-check, lint, run the whole suite.
# The last line printed is "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
pnpm install --frozen-lockfile
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "› installing Chromium from Debian's packages"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM_PATH
pnpm build
pnpm typecheck
# Boundaries, cycles, hook rules (eslint) and formatting (prettier): docs/development.md.
pnpm lint
pnpm format:check
pnpm test
