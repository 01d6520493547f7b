// Before the integration tests: build the server from its sources (server/scripts/build.mjs,
// ~0.3 s), so the process tests run the current code as production runs it, not a stale dist/.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export default function setup(): void {
  const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'server')
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: serverDir, stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0) throw new Error(`building the server failed (exit ${result.status})`)
}
