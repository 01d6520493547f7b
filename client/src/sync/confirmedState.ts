// Remembers, per document, the state vector the server is known to hold, so a reload can
// tell whether IndexedDB brought back edits the server never confirmed.
import * as Y from 'yjs'
import { fromBase64, toBase64 } from 'lib0/buffer'

const PREFIX = 'cg.confirmed:'

export function recordConfirmed(documentName: string, doc: Y.Doc): void {
  try {
    localStorage.setItem(PREFIX + documentName, toBase64(Y.encodeStateVector(doc)))
  } catch {
    // storage full or unavailable: a reload will simply re-confirm with the server
  }
}

/** True if the doc holds any change beyond what the server last confirmed. */
export function hasUnconfirmedChanges(documentName: string, doc: Y.Doc): boolean {
  const local = Y.decodeStateVector(Y.encodeStateVector(doc))
  if (local.size === 0) return false
  let confirmed: Map<number, number>
  try {
    const saved = localStorage.getItem(PREFIX + documentName)
    if (!saved) return true
    confirmed = Y.decodeStateVector(fromBase64(saved))
  } catch {
    return true
  }
  for (const [client, clock] of local) {
    if (clock > (confirmed.get(client) ?? 0)) return true
  }
  return false
}
