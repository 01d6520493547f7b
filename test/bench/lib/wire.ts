// The two wire dialects the load generator speaks, built with lib0 directly (no providers):
// - 'yws': plain y-websocket — one WebSocket per document, the document name in the URL,
//   each frame `varUint messageType, …` (ours, the reference server, the floor);
// - 'hocuspocus': Hocuspocus 3's framing — every frame starts with `varString documentName`,
//   then the same y-websocket message; the client authenticates (Auth/Token, empty token)
//   before the server handles anything else, and sync replies to a client's step 1 come as
//   type 4 (SyncReply) step 1 followed by type 0 step 2.
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

export type Dialect = 'yws' | 'hocuspocus'

export const MSG_SYNC = 0
export const MSG_AWARENESS = 1
export const MSG_AUTH = 2
export const MSG_QUERY_AWARENESS = 3
/** Hocuspocus only: like MSG_SYNC, but a step 1 in it does not ask for another step 1. */
export const HP_SYNC_REPLY = 4
/** Hocuspocus only: acknowledgement of an applied update. */
export const HP_SYNC_STATUS = 8

export const STEP1 = 0
export const STEP2 = 1
export const UPDATE = 2

/** An empty Yjs v1 update: no structs, empty delete set. */
export const EMPTY_UPDATE = new Uint8Array([0, 0])
/** An empty Yjs state vector. */
export const EMPTY_STATE_VECTOR = new Uint8Array([0])

function start(dialect: Dialect, doc: string): encoding.Encoder {
  const encoder = encoding.createEncoder()
  if (dialect === 'hocuspocus') encoding.writeVarString(encoder, doc)
  return encoder
}

export function syncFrame(dialect: Dialect, doc: string, sub: number, payload: Uint8Array): Uint8Array {
  const encoder = start(dialect, doc)
  encoding.writeVarUint(encoder, MSG_SYNC)
  encoding.writeVarUint(encoder, sub)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** Hocuspocus' first frame per document: Auth, AuthMessageType.Token (0), the token. */
export function hocuspocusAuthFrame(doc: string, token = ''): Uint8Array {
  const encoder = start('hocuspocus', doc)
  encoding.writeVarUint(encoder, MSG_AUTH)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarString(encoder, token)
  return encoding.toUint8Array(encoder)
}

export interface ParsedFrame {
  type: number
  /** Sync sub-type (step 1/2/update) for sync frames, else -1. */
  sub: number
  /** Offset of the sync payload's length prefix within the frame (sync frames only). */
  payloadAt: number
}

/** Reads the header of a frame from the server. Cheap: never touches the payload. */
export function parseFrame(dialect: Dialect, data: Uint8Array): ParsedFrame {
  const decoder = decoding.createDecoder(data)
  if (dialect === 'hocuspocus') {
    // Skip the document name without decoding it.
    const len = decoding.readVarUint(decoder)
    decoder.pos += len
  }
  const type = decoding.readVarUint(decoder)
  if (type === MSG_SYNC || (dialect === 'hocuspocus' && type === HP_SYNC_REPLY)) {
    const sub = decoding.readVarUint(decoder)
    return { type: MSG_SYNC, sub, payloadAt: decoder.pos }
  }
  return { type, sub: -1, payloadAt: decoder.pos }
}

/** The payload of a sync frame (a view, no copy). */
export function syncPayload(data: Uint8Array, payloadAt: number): Uint8Array {
  const decoder = decoding.createDecoder(data)
  decoder.pos = payloadAt
  return decoding.readVarUint8Array(decoder)
}

// ---- latency markers ----
// A writer inserts `@@T<microseconds>@@` into its Y.Text; the string travels inside the
// update's ContentString as UTF-8, so a reader finds it with one native Buffer.indexOf and
// needs no Y.Doc. The time is process.hrtime (CLOCK_MONOTONIC, shared by all processes).

export const MARKER_PREFIX = Buffer.from('@@T')

export function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1000
}

export function markerText(sentUs: number): string {
  return `@@T${Math.round(sentUs)}@@`
}

/** The send time of the first marker in `data`, or -1. */
export function findMarker(data: Buffer): number {
  const at = data.indexOf(MARKER_PREFIX)
  if (at < 0) return -1
  let value = 0
  for (let i = at + MARKER_PREFIX.length; i < data.length; i++) {
    const c = data[i]!
    if (c < 48 || c > 57) break
    value = value * 10 + (c - 48)
  }
  return value
}
