// Online backup of a whole data directory, and its restore (docs/archive.md). The copy is made by
// the process that owns the data (the running server, asked through backupModule.ts, or the CLI
// holding the lock when none runs): every document's full history read through the storage (which
// serializes the read with that document's appends and compactions, so every record appended
// before the read is in it) and written as a fresh document (records with their seq, time and
// user, then a snapshot); the other files (directory, audit log, approvals, read model, metadata)
// read whole — they are replaced atomically or appended in whole lines, and a torn last line is
// cut at the next start. It is built in a sibling folder, every file fsynced and listed with its
// SHA-256 in backup.json, and renamed into place last: a backup folder is complete or absent.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { DiskStorage } from '../storage/DiskStorage.ts'
import type { DocumentStorage } from '../storage/DocumentStorage.ts'
import { fsyncDir } from '../storage/diskFiles.ts'
import type { Logger } from '../logger.ts'
import { VERSION } from '../version.ts'
import { stateFromRecords } from './exportInitiative.ts'
import { ArchiveError } from './format.ts'

export const BACKUP_MANIFEST = 'backup.json'
export const BACKUP_FORMAT = 'common-ground-backup'
export const BACKUP_VERSION = 1
/** Where the CLI leaves requests for the running server (not part of a backup). */
export const BACKUP_REQUESTS_DIR = 'backup-requests'

/** Top-level entries of a data directory a backup never copies. */
const SKIPPED = new Set(['documents', 'server.lock', BACKUP_REQUESTS_DIR])

export interface BackupSummary {
  dir: string
  createdAt: string
  documents: number
  updates: number
  files: number
  ms: number
}

interface BackupFile {
  path: string
  bytes: number
  sha256: string
}

async function writeDurable(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(bytes)
    await handle.datasync()
  } finally {
    await handle.close()
  }
}

/** Every regular file under `dir`, relative, sorted. */
async function listFilesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`
      if (entry.isDirectory()) await walk(child)
      else if (entry.isFile()) out.push(child)
    }
  }
  await walk('')
  return out.sort()
}

/** Copies a consistent image of the data directory into `target` (which must not exist). */
export async function takeBackup(options: {
  dataDir: string
  storage: Pick<DocumentStorage, 'list' | 'history'>
  target: string
  logger: Logger
}): Promise<BackupSummary> {
  const started = performance.now()
  const target = path.resolve(options.target)
  if (existsSync(target)) throw new ArchiveError('target_exists', `${target} already exists; a backup goes into a new folder.`)
  if (target === path.resolve(options.dataDir) || target.startsWith(path.resolve(options.dataDir) + path.sep)) {
    throw new ArchiveError('invalid_arguments', 'A backup cannot go inside the data directory it copies.')
  }
  const work = `${target}.partial-${process.pid}-${Date.now()}`
  const createdAt = new Date().toISOString()
  await mkdir(work, { recursive: true })
  try {
    // The documents, one at a time, yielding between them so the server keeps serving.
    const copy = new DiskStorage({ dir: path.join(work, 'documents'), fsync: 'never', logger: options.logger })
    let documents = 0
    let updates = 0
    try {
      for (const name of await options.storage.list()) {
        const history = await options.storage.history(name)
        if (history.length === 0) continue
        for (const record of history) copy.append(name, record)
        await copy.compact(name, { state: stateFromRecords(history), coveredSeq: history.at(-1)!.seq })
        documents++
        updates += history.length
        await new Promise((resolve) => setImmediate(resolve))
      }
    } finally {
      await copy.close()
    }
    // Everything else, read whole.
    for (const entry of await readdir(options.dataDir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue
      const from = path.join(options.dataDir, entry.name)
      const names = entry.isDirectory() ? (await listFilesUnder(from)).map((f) => `${entry.name}/${f}`) : entry.isFile() ? [entry.name] : []
      for (const rel of names) {
        if (rel.endsWith('.tmp') || path.basename(rel).startsWith('.')) continue // a write in progress
        let bytes: Buffer
        try {
          bytes = await readFile(path.join(options.dataDir, rel))
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue // replaced or removed meanwhile
          throw error
        }
        await writeDurable(path.join(work, rel), bytes)
      }
    }
    const files: BackupFile[] = []
    for (const rel of await listFilesUnder(work)) {
      const bytes = await readFile(path.join(work, rel))
      files.push({ path: rel, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') })
    }
    const manifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, software: VERSION, documents, updates, files }
    await writeDurable(path.join(work, BACKUP_MANIFEST), Buffer.from(JSON.stringify(manifest, null, 2) + '\n'))
    for (const dir of new Set(files.map((f) => path.dirname(path.join(work, f.path))))) await fsyncDir(dir)
    await fsyncDir(work)
    await rename(work, target)
    await fsyncDir(path.dirname(target))
    return { dir: target, createdAt, documents, updates, files: files.length + 1, ms: Math.round(performance.now() - started) }
  } catch (error) {
    await rm(work, { recursive: true, force: true })
    throw error
  }
}

/** Checks a backup folder (every file against backup.json) and copies it into a new data directory. */
export async function restoreBackup(backupDir: string, dataDir: string): Promise<{ dataDir: string; files: number }> {
  let manifest: { format?: unknown; version?: unknown; files?: BackupFile[] }
  try {
    manifest = JSON.parse(await readFile(path.join(backupDir, BACKUP_MANIFEST), 'utf8'))
  } catch {
    throw new ArchiveError('archive_damaged', `${backupDir} has no readable ${BACKUP_MANIFEST}: not a backup, or a damaged one.`)
  }
  if (manifest.format !== BACKUP_FORMAT) throw new ArchiveError('archive_invalid', `${backupDir} is not a Common Ground backup.`)
  if (manifest.version !== BACKUP_VERSION)
    throw new ArchiveError('archive_version', `Backup format version ${JSON.stringify(manifest.version)} is not supported.`)
  const listed = new Map((manifest.files ?? []).map((f) => [f.path, f]))
  const present = (await listFilesUnder(backupDir)).filter((f) => f !== BACKUP_MANIFEST)
  for (const rel of present) if (!listed.has(rel)) throw new ArchiveError('archive_damaged', `${rel} is in the backup but not in ${BACKUP_MANIFEST}.`)
  for (const entry of listed.values()) {
    let bytes: Buffer
    try {
      bytes = await readFile(path.join(backupDir, entry.path))
    } catch {
      throw new ArchiveError('archive_damaged', `${entry.path} is missing from the backup.`)
    }
    if (bytes.length !== entry.bytes || createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
      throw new ArchiveError('archive_checksum', `${entry.path} does not match its checksum in ${BACKUP_MANIFEST}.`)
    }
  }
  const target = path.resolve(dataDir)
  if (existsSync(target) && (await readdir(target)).length > 0) throw new ArchiveError('target_exists', `${target} is not empty; restore into a new folder.`)
  const work = `${target}.partial-${process.pid}-${Date.now()}`
  try {
    for (const entry of listed.values()) await writeDurable(path.join(work, entry.path), await readFile(path.join(backupDir, entry.path)))
    for (const dir of new Set([...listed.keys()].map((rel) => path.dirname(path.join(work, rel))))) await fsyncDir(dir)
    if (existsSync(target) && (await stat(target)).isDirectory()) await rm(target, { recursive: true })
    await rename(work, target)
    await fsyncDir(path.dirname(target))
  } catch (error) {
    await rm(work, { recursive: true, force: true })
    throw error
  }
  return { dataDir: target, files: listed.size }
}
