// Binary layout of a document snapshot file: a checksummed header followed by the Yjs state.
// Byte layout: docs/storage.md ("Snapshot").
import { crc32 } from 'node:zlib'

const MAGIC = Buffer.from('CGSN', 'latin1')
export const SNAPSHOT_VERSION = 1
export const SNAPSHOT_HEADER_BYTES = 24
/** The checksum covers the header up to (not including) itself, then the state. */
const CRC_OFFSET = 20
const TWO_32 = 2 ** 32

export function encodeSnapshot(state: Uint8Array, coveredSeq: number): Buffer {
  if (!Number.isSafeInteger(coveredSeq) || coveredSeq < 0) throw new Error(`invalid coveredSeq: ${coveredSeq}`)
  const buf = Buffer.alloc(SNAPSHOT_HEADER_BYTES + state.length)
  MAGIC.copy(buf, 0)
  buf[4] = SNAPSHOT_VERSION // bytes 5–7 reserved, zero
  buf.writeUInt32LE(coveredSeq % TWO_32, 8)
  buf.writeUInt32LE(Math.floor(coveredSeq / TWO_32), 12)
  buf.writeUInt32LE(state.length, 16)
  buf.set(state, SNAPSHOT_HEADER_BYTES)
  buf.writeUInt32LE(snapshotCrc(buf), CRC_OFFSET)
  return buf
}

export type DecodedSnapshot =
  | { ok: true; state: Uint8Array; coveredSeq: number }
  /** `claimedCoveredSeq`: what a damaged file's header says, when its magic and version look right. */
  | { ok: false; reason: string; claimedCoveredSeq?: number }

export function decodeSnapshot(buf: Buffer): DecodedSnapshot {
  if (buf.length < SNAPSHOT_HEADER_BYTES) return { ok: false, reason: `too short (${buf.length} bytes)` }
  if (!buf.subarray(0, 4).equals(MAGIC)) return { ok: false, reason: 'bad magic' }
  if (buf[4] !== SNAPSHOT_VERSION) return { ok: false, reason: `unsupported format version ${buf[4]}` }
  const length = buf.readUInt32LE(16)
  const coveredSeq = buf.readUInt32LE(12) * TWO_32 + buf.readUInt32LE(8)
  if (buf.length !== SNAPSHOT_HEADER_BYTES + length) {
    const reason = `length mismatch (header says ${length}, file holds ${buf.length - SNAPSHOT_HEADER_BYTES})`
    return { ok: false, reason, claimedCoveredSeq: coveredSeq }
  }
  if (snapshotCrc(buf) !== buf.readUInt32LE(CRC_OFFSET)) return { ok: false, reason: 'checksum mismatch', claimedCoveredSeq: coveredSeq }
  return {
    ok: true,
    coveredSeq,
    state: new Uint8Array(buf.buffer, buf.byteOffset + SNAPSHOT_HEADER_BYTES, length),
  }
}

function snapshotCrc(buf: Buffer): number {
  return crc32(buf.subarray(SNAPSHOT_HEADER_BYTES), crc32(buf.subarray(0, CRC_OFFSET)))
}
