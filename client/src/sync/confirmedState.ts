// Remembers, per document, the state vector the server is known to hold, so a reload can
// tell whether IndexedDB brought back edits the server never confirmed.
import * as Y from 'yjs'

const PREFIX = 'cg.confirmed:'

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

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
