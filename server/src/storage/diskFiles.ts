// File names and small durable-file helpers of DiskStorage (fsync, atomic replace, set-aside).
// The layout they implement is described in docs/storage.md.
import * as fs from 'node:fs'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'
import { documentFileName } from '@common-ground/protocol'
import type { ParsedLog } from './logFormat.ts'

/** File names inside one document's directory. */
export const FILE = {
  log: 'log',
  sealed: 'log.sealed',
  logTmp: 'log.tmp',
  snapshot: 'snapshot',
  snapshotTmp: 'snapshot.tmp',
  history: 'history',
} as const

/** Thrown (as a rejection of load/compact) when a document cannot be read without losing data. */
export class DocumentCorruptError extends Error {
  readonly code = 'document_corrupt'
  constructor(message: string) {
    super(message)
    this.name = 'DocumentCorruptError'
  }
}

export function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === code
}

export async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await fsp.readFile(file)
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null
    throw err
  }
}

export function readOptionalSync(file: string): Buffer | null {
  try {
    return fs.readFileSync(file)
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null
    throw err
  }
}

export async function removeOptional(file: string): Promise<void> {
  await fsp.rm(file, { force: true })
}

/** A file's unsynced writes, and the fdatasync covering them while one runs. */
export interface SyncState {
  dirty: boolean
  syncing: Promise<void> | null
}

/**
 * Starts the fdatasync of `fd` for `state` (whose `dirty` the caller has just cleared) and
 * records it in `state.syncing` until it ends; a failure marks the file dirty again.
 * fdatasync: the written bytes and the file size, without the timestamps fsync would also
 * write — these files are only ever read back by their content.
 */
export function startFdatasync(state: SyncState, fd: number): Promise<void> {
  state.syncing = new Promise<void>((resolve, reject) => {
    fs.fdatasync(fd, (err) => {
      state.syncing = null
      if (err) {
        state.dirty = true
        reject(err)
      } else resolve()
    })
  })
  return state.syncing
}

/** Makes a directory's entries (creations, renames, unlinks) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export function fsyncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Replaces `file` with `data` so that a crash leaves either the old or the new content:
 * write a temp file, fsync it, rename it over, fsync the directory. `beforeRename` lets tests
 * stop between the steps.
 */
export async function writeFileDurable(
  file: string,
  tmp: string,
  data: Uint8Array,
  beforeRename?: () => void,
  options: { syncDir?: boolean } = {},
): Promise<void> {
  const handle = await fsp.open(tmp, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  beforeRename?.()
  await fsp.rename(tmp, file)
  // The caller may fsync the directory itself, later, together with other entries of it.
  if (options.syncDir !== false) await fsyncDir(path.dirname(file))
}

/** Synchronous {@link writeFileDurable}, for the rare repairs that must not interleave with appends. */
export function writeFileDurableSync(file: string, tmp: string, data: Uint8Array): void {
  const fd = fs.openSync(tmp, 'w')
  try {
    fs.writeFileSync(fd, data)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
  fsyncDirSync(path.dirname(file))
}

/** `<file>.corrupt-<timestamp>`, never overwriting an earlier one. */
export function corruptCopyName(file: string): string {
  const base = `${file}.corrupt-${Date.now()}`
  let name = base
  for (let i = 1; fs.existsSync(name); i++) name = `${base}-${i}`
  return name
}

/**
 * Keeps `buf[goodLength..]` of a damaged file for forensics, then (if `truncate`) cuts the file
 * to its good prefix so later appends do not land behind garbage. Returns the copy's name.
 */
export function setAsideTailSync(file: string, buf: Uint8Array, goodLength: number, truncate: boolean): string {
  const copy = corruptCopyName(file)
  fs.writeFileSync(copy, buf.subarray(goodLength))
  if (truncate) {
    const fd = fs.openSync(file, 'r+')
    try {
      fs.ftruncateSync(fd, goodLength)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  }
  return copy
}

/** A document's directory inside the data directory; throws for an invalid name. */
export function documentDir(dataDir: string, name: string): string {
  const dir = path.join(dataDir, documentFileName(name))
  if (path.dirname(dir) !== dataDir) throw new Error(`document path escapes the data directory: ${JSON.stringify(name)}`)
  return dir
}

/**
 * Cuts a log's damaged tail (what follows its last whole record) after copying it aside, and
 * says so through `warn`.
 */
export function cutDamagedTail(file: string, buf: Buffer, parsed: ParsedLog, warn: (message: string) => void): void {
  const copy = setAsideTailSync(file, buf, parsed.goodLength, true)
  warn(
    `${path.basename(file)}: ${parsed.problem}; kept ${parsed.records.length} records, ` +
      `cut ${buf.length - parsed.goodLength} bytes (copied to ${path.basename(copy)})`,
  )
}

/** History segments are named by the seq range they hold, zero-padded so names sort by seq. */
export function segmentFileName(first: number, last: number): string {
  return `${String(first).padStart(16, '0')}-${String(last).padStart(16, '0')}.log`
}

const SEGMENT = /^(\d{16})-(\d{16})\.log$/

export function parseSegmentFileName(name: string): { first: number; last: number } | null {
  const m = SEGMENT.exec(name)
  return m ? { first: Number(m[1]), last: Number(m[2]) } : null
}

export interface Segment {
  file: string
  first: number
  last: number
}

/** History segments of a document directory, in seq order; temp files and junk are skipped. */
export async function listSegments(docDir: string): Promise<Segment[]> {
  let names: string[]
  try {
    names = await fsp.readdir(path.join(docDir, FILE.history))
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return []
    throw err
  }
  const segments: Segment[] = []
  for (const name of names) {
    const range = parseSegmentFileName(name)
    if (range) segments.push({ file: path.join(docDir, FILE.history, name), ...range })
  }
  return segments.sort((a, b) => a.first - b.first || a.last - b.last)
}

/** Leftovers of writes a crash interrupted: they never replaced anything, so they can go. */
export async function removeTempFiles(docDir: string): Promise<void> {
  await removeOptional(path.join(docDir, FILE.snapshotTmp))
  await removeOptional(path.join(docDir, FILE.logTmp))
  let names: string[] = []
  try {
    names = await fsp.readdir(path.join(docDir, FILE.history))
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err
  }
  for (const name of names) if (name.endsWith('.tmp')) await removeOptional(path.join(docDir, FILE.history, name))
}
