// Incoming frames, dispatched by message type: one small function per type. Anything that
// does not decode cleanly throws BadMessageError; the caller closes that connection only.
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { MessageType, PermissionDeniedReason, SyncMessageType } from '@common-ground/protocol'
import type { Connection } from './Connection.ts'
import { encodePermissionDenied } from './encodeMessage.ts'
import { isEmptyUpdate, type Room } from './Room.ts'

export class BadMessageError extends Error {
  readonly code = 'bad_message'
}

/** An update touching what the connection may not change (Connection.writeGuard): the connection is closed with ForbiddenWrite. */
export class ForbiddenWriteError extends Error {
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(detail)
  }
}

type Handler = (room: Room, conn: Connection, decoder: decoding.Decoder) => void

/** Reads the payload, the last part of every message that has one. */
function readPayload(decoder: decoding.Decoder): Uint8Array {
  const payload = decoding.readVarUint8Array(decoder)
  if (decoder.pos > decoder.arr.length) throw new BadMessageError('truncated payload')
  // Checked before the payload is used: a malformed frame must have no effect at all.
  expectEnd(decoder)
  return payload
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoder.pos !== decoder.arr.length) throw new BadMessageError('trailing bytes after message')
}

const syncHandlers: Record<number, Handler> = {
  [SyncMessageType.Step1]: (room, conn, decoder) => {
    room.answerSyncStep1(conn, readPayload(decoder))
  },
  // A step 2 can resend much of the document: it is applied, and only what is new goes out.
  [SyncMessageType.Step2]: (room, conn, decoder) => applyClientUpdate(room, conn, readPayload(decoder), false),
  [SyncMessageType.Update]: (room, conn, decoder) => applyClientUpdate(room, conn, readPayload(decoder), true),
}

function applyClientUpdate(room: Room, conn: Connection, update: Uint8Array, relayable: boolean): void {
  if (isEmptyUpdate(update) || (conn.readOnly && conn.toldReadOnly)) return
  // Y.applyUpdate trusts the struct counts in an update and allocates for them up front, so a
  // few malformed bytes can claim millions of structs (~300 MB and ~1 s of blocked event loop
  // per 20-byte frame). parseUpdateMeta reads the same structure lazily, without allocating
  // for the claimed counts, and throws on malformed input first. It costs a full parse, so
  // the typical update — one client's structs, as every keystroke is — skips it when its one
  // claimed count fits in its bytes (every struct takes at least one).
  if (!structCountFitsSize(update)) Y.parseUpdateMeta(update)
  if (conn.readOnly) return dropReadOnlyUpdate(room, conn, update)
  if (conn.writeGuard) {
    const violation = conn.writeGuard(room.doc, update)
    if (violation) throw new ForbiddenWriteError(violation.code, violation.detail)
  }
  if (relayable) room.receiveUpdate(conn, update)
  else Y.applyUpdate(room.doc, update, conn)
}

/**
 * A read-only connection's update is dropped. If it held anything the document lacks (a
 * modified page, a raw client, edits made offline before the person lost edit rights), the
 * client is told once per connection with a permission-denied `read_only`; the connection
 * stays open. A step 2 that only repeats what the server has (every reader sends one on
 * connect, with the whole delete set) is not a write and says nothing.
 */
function dropReadOnlyUpdate(room: Room, conn: Connection, update: Uint8Array): void {
  if (room.contains(update)) return
  conn.toldReadOnly = true
  conn.send(encodePermissionDenied(PermissionDeniedReason.ReadOnly))
}

/**
 * True when the update (v1) has at most one client section and that section claims no more
 * structs than there are bytes after its count: then applyUpdate's one up-front allocation
 * is bounded by the frame's size. Reads two varuints; throws on truncated input.
 */
function structCountFitsSize(update: Uint8Array): boolean {
  const decoder = decoding.createDecoder(update)
  const sections = decoding.readVarUint(decoder)
  if (sections === 0) return true
  if (sections !== 1) return false
  return decoding.readVarUint(decoder) <= update.length - decoder.pos
}

export const messageHandlers: Record<number, Handler> = {
  [MessageType.Sync]: (room, conn, decoder) => {
    const kind = decoding.readVarUint(decoder)
    const handler = syncHandlers[kind]
    if (!handler) throw new BadMessageError(`unknown sync message type ${kind}`)
    handler(room, conn, decoder)
  },
  [MessageType.Awareness]: (room, conn, decoder) => {
    const payload = readPayload(decoder)
    // Anonymous readers of a published document watch; they do not announce themselves.
    if (conn.isPublicReader) return
    awarenessProtocol.applyAwarenessUpdate(room.awareness, payload, conn)
  },
  [MessageType.QueryAwareness]: (room, conn, decoder) => {
    expectEnd(decoder)
    if (conn.isPublicReader) return
    const frame = room.awarenessFrame()
    if (frame) conn.send(frame)
  },
  // Servers send auth messages; a client sending one is harmless and ignored.
  [MessageType.Auth]: (_room, _conn, decoder) => {
    decoder.pos = decoder.arr.length
  },
}

/** Decodes and handles one frame. Throws BadMessageError if it is malformed in any way. */
export function handleFrame(room: Room, conn: Connection, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame)
  try {
    const type = decoding.readVarUint(decoder)
    const handler = messageHandlers[type]
    if (!handler) throw new BadMessageError(`unknown message type ${type}`)
    handler(room, conn, decoder)
  } catch (error) {
    if (error instanceof BadMessageError || error instanceof ForbiddenWriteError) throw error
    throw new BadMessageError(error instanceof Error ? error.message : String(error))
  }
  if (decoder.pos !== frame.length) throw new BadMessageError('trailing bytes after message')
}
