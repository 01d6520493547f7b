#!/usr/bin/env bash
# Sourced by the set-up scripts: makes `pnpm` 10.34.9 available on a machine that has only
# Node 20 and npm (corepack does not work here, see docs/development.md).
PNPM_VERSION=10.34.9
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "› installing pnpm $PNPM_VERSION with npm"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || true
fi
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  # No permission for a global install: run it through npx instead.
  pnpm() { npx --yes "pnpm@$PNPM_VERSION" "$@"; }
fi
