// Preflight: proves the load generator speaks each server's protocol the way its real client
// does. A real provider (y-websocket's WebsocketProvider, or @hocuspocus/provider for
// Hocuspocus) and our raw clients share a document: a raw writer's edit must appear in the
// provider's Y.Doc, and the provider's edit must reach a raw reader.
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { SyncClient } from './client.ts'
import type { Dialect } from '../lib/wire.ts'

async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`interop: timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export async function interopCheck(url: string, dialect: Dialect, doc: string): Promise<{ ok: true }> {
  const ydoc = new Y.Doc()
  let destroy: () => void
  let isSynced: () => boolean
  if (dialect === 'yws') {
    const provider = new WebsocketProvider(url, doc, ydoc, { WebSocketPolyfill: WebSocket as never, disableBc: true })
    destroy = () => provider.destroy()
    isSynced = () => provider.synced
  } else {
    const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket })
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: doc, document: ydoc })
    // A provider given its socket does not attach by itself.
    provider.attach()
    destroy = () => {
      provider.destroy()
      socket.destroy()
    }
    isSynced = () => provider.synced
  }
  const writer = new SyncClient({ url, doc, dialect, role: 'writer' })
  const reader = new SyncClient({ url, doc, dialect, role: 'reader' })
  let readerSaw = 0
  reader.onLatency = () => readerSaw++
  try {
    await until('the real provider to sync', isSynced)
    await writer.connect(5_000)
    await reader.connect(5_000)
    writer.edit()
    await until("the raw writer's edit in the provider's document", () => ydoc.getText('t').toString().includes('@@T'))
    ydoc.getText('t').insert(0, '@@T1@@ from the real provider ')
    await until("the provider's edit at the raw reader", () => readerSaw >= 2)
    return { ok: true }
  } finally {
    destroy()
    await Promise.all([writer.close(), reader.close()])
    ydoc.destroy()
  }
}
