// Binary framing of log records, shared by the live log, the sealed log and history segments.
// Byte layout and the reasoning behind it: docs/storage.md ("Log record").
import { crc32 } from 'node:zlib'
import type { LogRecord } from './DocumentStorage.ts'

export const RECORD_VERSION = 1
/** u32 payload length + u32 crc32(payload). */
export const RECORD_HEADER_BYTES = 8
/** version u8, time f64, seq u64 (two u32 halves), user length u32. */
const PAYLOAD_FIXED_BYTES = 21
/** User-length value that stands for `user: null` (distinct from the empty string). */
const NULL_USER = 0xffffffff
const TWO_32 = 2 ** 32

/** Bytes `record` takes in a log (header included); validates seq and time. */
export function encodedRecordSize(record: LogRecord): number {
  if (!Number.isSafeInteger(record.seq) || record.seq < 1) throw new Error(`invalid seq: ${record.seq}`)
  if (!Number.isFinite(record.time)) throw new Error(`invalid time: ${record.time}`)
  const userBytes = record.user === null ? 0 : Buffer.byteLength(record.user, 'utf8')
  return RECORD_HEADER_BYTES + PAYLOAD_FIXED_BYTES + userBytes + record.update.length
}

/**
 * Writes `record` into `buf` at `offset`, taking exactly `encodedRecordSize(record)` bytes, so
 * that callers can frame it without another buffer or copy (the journal puts its entry header
 * in front of it).
 */
export function writeRecord(buf: Buffer, offset: number, size: number, record: LogRecord): void {
  const { seq, time, user, update } = record
  const payloadLength = size - RECORD_HEADER_BYTES
  buf.writeUInt32LE(payloadLength, offset)
  let o = offset + RECORD_HEADER_BYTES
  buf[o] = RECORD_VERSION
  buf.writeDoubleLE(time, o + 1)
  buf.writeUInt32LE(seq % TWO_32, o + 9)
  buf.writeUInt32LE(Math.floor(seq / TWO_32), o + 13)
  buf.writeUInt32LE(user === null ? NULL_USER : payloadLength - PAYLOAD_FIXED_BYTES - update.length, o + 17)
  o += PAYLOAD_FIXED_BYTES
  if (user !== null) o += buf.write(user, o, 'utf8')
  buf.set(update, o)
  buf.writeUInt32LE(crc32(buf.subarray(offset + RECORD_HEADER_BYTES, offset + size)), offset + 4)
}

/** One record as bytes, ready for a single write. */
export function encodeRecord(record: LogRecord): Buffer {
  const size = encodedRecordSize(record)
  const buf = Buffer.allocUnsafe(size)
  writeRecord(buf, 0, size, record)
  return buf
}

export function encodeRecords(records: readonly LogRecord[]): Buffer {
  return Buffer.concat(records.map(encodeRecord))
}

export interface ParsedLog {
  /** Records of the valid prefix, in file order. Updates are views into the input buffer. */
  records: LogRecord[]
  /** Length in bytes of the valid prefix. */
  goodLength: number
  /** Why parsing stopped before the end of the input, or null if every byte was valid. */
  problem: string | null
}

/**
 * Reads records until the end or the first record that is incomplete or fails its checks.
 * Never throws: damage is reported through `problem` and `goodLength`.
 */
export function parseLog(buf: Uint8Array): ParsedLog {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
  const records: LogRecord[] = []
  let pos = 0
  const stop = (problem: string): ParsedLog => ({ records, goodLength: pos, problem: `${problem} at byte ${pos}` })
  while (pos < view.length) {
    if (view.length - pos < RECORD_HEADER_BYTES) return stop('incomplete record header')
    const payloadLength = view.readUInt32LE(pos)
    if (payloadLength < PAYLOAD_FIXED_BYTES) return stop(`impossible record length ${payloadLength}`)
    const start = pos + RECORD_HEADER_BYTES
    const end = start + payloadLength
    if (end > view.length) return stop('incomplete record')
    if (crc32(view.subarray(start, end)) !== view.readUInt32LE(pos + 4)) return stop('record checksum mismatch')
    if (view[start] !== RECORD_VERSION) return stop(`unknown record version ${view[start]}`)
    const userField = view.readUInt32LE(start + 17)
    const userStart = start + PAYLOAD_FIXED_BYTES
    const updateStart = userField === NULL_USER ? userStart : userStart + userField
    if (updateStart > end) return stop('user field overruns record')
    records.push({
      seq: view.readUInt32LE(start + 13) * TWO_32 + view.readUInt32LE(start + 9),
      time: view.readDoubleLE(start + 1),
      user: userField === NULL_USER ? null : view.toString('utf8', userStart, updateStart),
      update: new Uint8Array(view.buffer, view.byteOffset + updateStart, end - updateStart),
    })
    pos = end
  }
  return { records, goodLength: pos, problem: null }
}

/**
 * Joins record lists into one list in seq order, keeping the first copy of each seq: an
 * interrupted move between files can leave the same record in two places.
 */
export function mergeRecords(lists: readonly (readonly LogRecord[])[]): LogRecord[] {
  const all = lists.flat().sort((a, b) => a.seq - b.seq) // stable: earlier lists win ties
  const out: LogRecord[] = []
  for (const r of all) if (out.length === 0 || out[out.length - 1]!.seq !== r.seq) out.push(r)
  return out
}

export function maxSeq(records: readonly LogRecord[]): number {
  let max = 0
  for (const r of records) if (r.seq > max) max = r.seq
  return max
}
