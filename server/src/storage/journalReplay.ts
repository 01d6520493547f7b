// DiskStorage's start-up under the journal: the records a power cut took from the documents'
// logs (their pages were not yet fsynced) are put back from the shared journal, made durable,
// and the journal is dropped (docs/storage.md, "The journal").
import * as fs from 'node:fs'
import * as path from 'node:path'
import { isValidDocumentName } from '@common-ground/protocol'
import { FILE, cutDamagedTail, documentDir, fsyncDirSync, isErrno, parseSegmentFileName, readOptionalSync } from './diskFiles.ts'
import type { Journal } from './journal.ts'
import { encodeRecords, maxSeq, mergeRecords, parseLog } from './logFormat.ts'
import type { StorageLogger } from './logFiles.ts'
import { decodeSnapshot } from './snapshotFormat.ts'

/**
 * At start, before anything is served (so synchronous): appends to each document's log the
 * journaled records it lacks, fsyncs them, then deletes every journal segment.
 */
export function replayJournal(journal: Journal, dataDir: string, logger: StorageLogger): void {
  const warn = (message: string, name?: string) => logger.warn(message, name ? { document: name } : undefined)
  for (const { name, records } of journal.read(warn)) {
    if (!isValidDocumentName(name)) {
      warn(`journal entry for an invalid document name ${JSON.stringify(name)} ignored`)
      continue
    }
    const dir = documentDir(dataDir, name)
    const durableSeq = lastSeqOnDiskSync(dir, (m) => warn(m, name))
    const missing = mergeRecords([records]).filter((r) => r.seq > durableSeq)
    if (missing.length === 0) continue
    if (missing[0]!.seq !== durableSeq + 1)
      warn(`journal replay: records ${durableSeq + 1}–${missing[0]!.seq - 1} are in neither the log nor the journal`, name)
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir, { recursive: true })
      fsyncDirSync(dataDir)
    }
    const fd = fs.openSync(path.join(dir, FILE.log), fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o644)
    try {
      fs.writeSync(fd, encodeRecords(missing))
      fs.fdatasyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fsyncDirSync(dir)
    warn(`restored ${missing.length} record(s) (seq ${missing[0]!.seq}–${missing[missing.length - 1]!.seq}) from the journal`, name)
  }
  journal.removeBeforeSync(null)
}

/** The highest seq a document's files hold (a damaged log tail is cut first). */
function lastSeqOnDiskSync(dir: string, warn: (message: string) => void): number {
  let last = 0
  const snapshot = readOptionalSync(path.join(dir, FILE.snapshot))
  if (snapshot) {
    const decoded = decodeSnapshot(snapshot)
    if (decoded.ok) last = decoded.coveredSeq
  }
  for (const file of [FILE.log, FILE.sealed]) {
    const full = path.join(dir, file)
    const buf = readOptionalSync(full)
    if (!buf) continue
    const parsed = parseLog(buf)
    if (parsed.problem) cutDamagedTail(full, buf, parsed, warn)
    last = Math.max(last, maxSeq(parsed.records))
  }
  try {
    for (const entry of fs.readdirSync(path.join(dir, FILE.history))) last = Math.max(last, parseSegmentFileName(entry)?.last ?? 0)
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err
  }
  return last
}
