// Every server runs as plain JavaScript, as it would in production: the harness builds ours
// (server/scripts/build.mjs → server/dist) and bundles each launcher (servers/*.ts, with the
// shared launcher code) into one .mjs file. The peers' packages stay external, loaded from
// node_modules as published, and ours' launcher imports the built server. No server process
// pays for compiling TypeScript at start-up or keeps a TypeScript loader thread around. The
// load generator (loadgen/worker.ts) is bundled too: a loader thread and its heap in the
// process that timestamps deliveries would only add noise to the latencies.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const repoRoot = path.resolve(benchDir, '..', '..')
export const launcherBuildDir = path.join(benchDir, '.build')

/** `@common-ground/server` → the production bundle, left as an import of that file. */
const builtServer: Plugin = {
  name: 'built-server',
  setup(b) {
    b.onResolve({ filter: /^@common-ground\/server$/ }, () => ({
      path: path.join(repoRoot, 'server', 'dist', 'index.mjs'),
      external: true,
    }))
  },
}

export interface BuiltProcesses {
  /** Launcher file name → built path. */
  launchers: Map<string, string>
  /** The load generator (loadgen/worker.ts), bundled the same way. */
  worker: string
}

/** Builds the server, the launchers and the load generator. */
export async function buildBenchProcesses(launchers: string[]): Promise<BuiltProcesses> {
  const server = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: path.join(repoRoot, 'server'), stdio: ['ignore', 'ignore', 'inherit'] })
  if (server.status !== 0) throw new Error(`building the server failed (exit ${server.status})`)
  const unique = [...new Set(launchers)]
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  } as const
  const worker = path.join(launcherBuildDir, 'loadgen-worker.mjs')
  await Promise.all([
    build({
      ...common,
      entryPoints: unique.map((file) => path.join(benchDir, 'servers', file)),
      outdir: launcherBuildDir,
      outExtension: { '.js': '.mjs' },
      plugins: [builtServer],
    }),
    build({ ...common, entryPoints: [path.join(benchDir, 'loadgen', 'worker.ts')], outfile: worker }),
  ])
  return { launchers: new Map(unique.map((file) => [file, path.join(launcherBuildDir, file.replace(/\.ts$/, '.mjs'))])), worker }
}
