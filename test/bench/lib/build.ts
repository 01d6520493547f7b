// Every server runs as plain JavaScript, as it would in production: the harness builds ours
// (server/scripts/build.mjs → server/dist) and bundles each launcher (servers/*.ts, with the
// shared launcher code) into one .mjs file. The peers' packages stay external, loaded from
// node_modules as published, and ours' launcher imports the built server. No server process
// pays for compiling TypeScript at start-up or keeps a TypeScript loader thread around.
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

/** Builds the server and the launchers; resolves to launcher file name → built path. */
export async function buildLaunchers(launchers: string[]): Promise<Map<string, string>> {
  const server = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: path.join(repoRoot, 'server'), stdio: ['ignore', 'ignore', 'inherit'] })
  if (server.status !== 0) throw new Error(`building the server failed (exit ${server.status})`)
  const unique = [...new Set(launchers)]
  await build({
    entryPoints: unique.map((file) => path.join(benchDir, 'servers', file)),
    outdir: launcherBuildDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    plugins: [builtServer],
    sourcemap: 'linked',
    logLevel: 'error',
  })
  return new Map(unique.map((file) => [file, path.join(launcherBuildDir, file.replace(/\.ts$/, '.mjs'))]))
}
