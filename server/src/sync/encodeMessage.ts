// Builds y-websocket frames. Each is encoded once and the same bytes go to every connection.
import * as encoding from 'lib0/encoding'
import { AuthMessageType, MessageType, SyncMessageType, type PermissionDeniedReason } from '@common-ground/protocol'

function syncFrame(kind: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, kind)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => syncFrame(SyncMessageType.Step1, stateVector)
export const encodeSyncStep2 = (update: Uint8Array) => syncFrame(SyncMessageType.Step2, update)
export const encodeUpdate = (update: Uint8Array) => syncFrame(SyncMessageType.Update, update)

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, awarenessUpdate)
  return encoding.toUint8Array(encoder)
}

/** y-protocols/auth's permission-denied message: [Auth, PermissionDenied, reason]. */
export function encodePermissionDenied(reason: PermissionDeniedReason): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Auth)
  encoding.writeVarUint(encoder, AuthMessageType.PermissionDenied)
  encoding.writeVarString(encoder, reason)
  return encoding.toUint8Array(encoder)
}
