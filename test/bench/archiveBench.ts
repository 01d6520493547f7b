// Measures `cg export` and `cg import` of an initiative with 50 documents and 100,000 updates
// (issue 25), and a backup of that data directory: time and peak RSS, each step in its own process (as the CLI runs).
// In `pnpm bench` it is the domain scenario (D5) (domain/scenarios.ts; alone: `pnpm bench -- --only=archive`,
// with --quick at 10 documents / 5,000 updates). By hand:
//   node --import tsx test/bench/archiveBench.ts [--documents 50] [--updates 100000]
// The initiative is made through a real server (account, initiative, 48 partners: agenda +
// measurement sheet + 48 partner pages = 50 documents); the updates (small text edits, ~40 bytes,
// from one Y.Doc per document, as typing produces) are appended to the stopped data directory's
// logs, and each document compacted once, as a server would have done. Figures: docs/archive.md.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { DiskStorage, silentLogger, startServer } from '@common-ground/server'
import { takeBackup } from '../../server/src/archive/backup.ts'
import { stateFromRecords } from '../../server/src/archive/exportInitiative.ts'
import { exportFromDataDir, importIntoDataDir } from '../../server/src/archive/offline.ts'

/** The command line of a step's process (or of a run by hand). */
function commandLine() {
  return parseArgs({
    options: {
      documents: { type: 'string', default: '50' },
      updates: { type: 'string', default: '100000' },
      step: { type: 'string' },
      dataDir: { type: 'string' },
      file: { type: 'string' },
    },
  }).values
}

async function child(values: ReturnType<typeof commandLine>): Promise<void> {
  const started = performance.now()
  if (values.step === 'export') await exportFromDataDir({ dataDir: values.dataDir!, initiativeId: 'bench', file: values.file!, logger: silentLogger })
  else if (values.step === 'backup') {
    const storage = new DiskStorage({ dir: path.join(values.dataDir!, 'documents'), fsync: 'never', logger: silentLogger })
    await takeBackup({ dataDir: values.dataDir!, storage, target: values.file!, logger: silentLogger })
    await storage.close()
  } else await importIntoDataDir(values.file!, { dataDir: values.dataDir!, baseUrl: 'http://localhost:3000', logger: silentLogger })
  const ms = Math.round(performance.now() - started)
  console.log(JSON.stringify({ ms, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }))
}

async function prepare(dataDir: string, documents: number, updates: number): Promise<void> {
  const server = await startServer({ dataDir, port: 0, logger: silentLogger, access: 'open' })
  const user = await server.directory.createUser({ email: 'bench@example.org', password: 'a long bench password', name: 'Bench', language: 'en' }, { ip: null })
  await server.directory.createInitiative(
    { id: 'bench', name: 'Bench', description: '', languages: ['en', 'he'], geography: '' },
    { userId: user.id, ip: null },
  )
  for (let p = 0; p < documents - 2; p++) {
    await server.directory.createPartner(
      'bench',
      { id: `partner${p}`, name: `Partner ${p}`, sector: 'nonprofit', website: '', color: null },
      { userId: user.id, ip: null },
    )
  }
  const names = server.directory.documentsOf('bench').map((d) => d.name)
  await server.close()
  const storage = new DiskStorage({ dir: path.join(dataDir, 'documents'), fsync: 'never', logger: silentLogger })
  const perDoc = Math.ceil(updates / names.length)
  let time = Date.now() - updates * 1000
  for (const name of names) {
    const loaded = await storage.load(name)
    const doc = new Y.Doc()
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
    let seq = loaded.nextSeq
    doc.on('update', (update: Uint8Array) => storage.append(name, { seq: seq++, time: (time += 1000), user: user.id, update }))
    const text = doc.getText('bench')
    for (let i = 0; i < perDoc; i++) text.insert(Math.floor(text.length / 2), `edit ${i} שלום `)
    await storage.compact(name, { state: stateFromRecords(await storage.history(name)), coveredSeq: seq - 1 })
    doc.destroy()
  }
  await storage.close()
}

function step(step: 'export' | 'import' | 'backup', dataDir: string, file: string): { ms: number; peakRssMB: number } {
  const self = fileURLToPath(import.meta.url)
  const result = spawnSync(process.execPath, ['--import', 'tsx', self, '--step', step, '--dataDir', dataDir, '--file', file], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${step} failed: ${result.stderr}`)
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!)
}

export interface ArchiveBenchResult {
  documents: number
  updates: number
  prepareMs: number
  tarMb: number
  exportMs: number
  exportPeakRssMb: number
  importMs: number
  importPeakRssMb: number
  gzMb: number
  gzExportMs: number
  gzExportPeakRssMb: number
  gzImportMs: number
  gzImportPeakRssMb: number
  backupMs: number
  backupPeakRssMb: number
}

/** Prepares the initiative in a temp folder under `scratch`, then times each step in its own process. */
export async function runArchiveBench(options: {
  documents: number
  updates: number
  scratch?: string
  log?: (line: string) => void
}): Promise<ArchiveBenchResult> {
  const { documents, updates } = options
  const log = options.log ?? ((line: string) => console.log(line))
  const root = mkdtempSync(path.join(options.scratch ?? os.tmpdir(), 'cg-archive-bench-'))
  try {
    const source = path.join(root, 'source')
    const t = performance.now()
    await prepare(source, documents, updates)
    const prepareMs = Math.round(performance.now() - t)
    log(`prepared ${documents} documents, ${updates} updates in ${prepareMs} ms`)
    const out: Partial<ArchiveBenchResult> = { documents, updates, prepareMs }
    for (const gzip of [false, true]) {
      const file = path.join(root, gzip ? 'bench.tar.gz' : 'bench.tar')
      const exported = step('export', source, file)
      const imported = step('import', path.join(root, gzip ? 'target-gz' : 'target'), file)
      const mb = Number((statSync(file).size / 1024 / 1024).toFixed(1))
      log(
        `${path.basename(file)} (${mb} MB): export ${exported.ms} ms, peak RSS ${exported.peakRssMB} MB; import ${imported.ms} ms, peak RSS ${imported.peakRssMB} MB`,
      )
      if (gzip)
        Object.assign(out, {
          gzMb: mb,
          gzExportMs: exported.ms,
          gzExportPeakRssMb: exported.peakRssMB,
          gzImportMs: imported.ms,
          gzImportPeakRssMb: imported.peakRssMB,
        })
      else
        Object.assign(out, {
          tarMb: mb,
          exportMs: exported.ms,
          exportPeakRssMb: exported.peakRssMB,
          importMs: imported.ms,
          importPeakRssMb: imported.peakRssMB,
        })
    }
    const backup = step('backup', source, path.join(root, 'backup'))
    log(`backup of the data directory (server stopped, same code path as online): ${backup.ms} ms, peak RSS ${backup.peakRssMB} MB`)
    return { ...out, backupMs: backup.ms, backupPeakRssMb: backup.peakRssMB } as ArchiveBenchResult
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const values = commandLine()
  if (values.step) await child(values)
  else await runArchiveBench({ documents: Number(values.documents), updates: Number(values.updates) })
}
