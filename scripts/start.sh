#!/usr/bin/env bash
# One command on a fresh machine (Node 20 + npm): install, build the client and the server, start it
# with demo data on the embedded disk storage. PORT, HOST, DATA_DIR, SEED_DEMO are honoured.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
pnpm install --frozen-lockfile
pnpm build
exec pnpm start
