// Builds the server for production: src/main.ts (the process) and src/index.ts (the library
// entry the benchmark launcher imports) bundled with their dependencies into dist/ as ES
// modules. One bundle loads in a fraction of the time and heap that running the TypeScript
// through tsx takes, and it drops what the server never calls (zod's 250 locales, for one).
// Usage: node scripts/build.mjs   (also exported as buildServer() for test set-up).
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Bundles the server into `<serverDir>/dist`; resolves to the output files' sizes. */
export async function buildServer({ quiet = false } = {}) {
  // Chunk names carry a content hash: a stale chunk would otherwise stay behind.
  rmSync(path.join(serverDir, 'dist'), { recursive: true, force: true })
  const result = await build({
    absWorkingDir: serverDir,
    entryPoints: { main: 'src/main.ts', index: 'src/index.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Unminified, so stack traces stay readable; the maps are for --enable-source-maps.
    sourcemap: 'linked',
    // ws's optional native add-ons, which it loads with require() inside try/catch.
    external: ['bufferutil', 'utf-8-validate'],
    // CommonJS dependencies (ws) call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __cgCreateRequire } from 'node:module';\nconst require = __cgCreateRequire(import.meta.url);" },
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  })
  const outputs = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.mjs'))
    .map(([file, output]) => ({ file, bytes: output.bytes }))
  if (!quiet) for (const { file, bytes } of outputs) console.log(`  ${file}  ${(bytes / 1024).toFixed(0)} KB`)
  return outputs
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildServer()
