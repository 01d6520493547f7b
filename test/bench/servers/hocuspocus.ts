// Launcher: Hocuspocus 3.4.4 (the newest release whose engines allow Node 20; 4.x needs
// Node >= 22) with its defaults and no persistence extension. Stored documents are loaded in
// onLoadDocument, as its Database extension does; nothing is written.
import { Server } from '@hocuspocus/server'
import * as Y from 'yjs'
import { announce, readConfig, readStored, serveControl } from './common.ts'

const config = readConfig()
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument({ documentName, document }) {
    const stored = readStored(config.storeDir, documentName)
    if (stored) Y.applyUpdate(document, stored)
    return document
  },
})
await server.listen()
const port = server.address.port
announce({ port, url: `ws://127.0.0.1:${port}`, dialect: 'hocuspocus' })
serveControl({ docs: () => server.hocuspocus.getDocumentsCount(), stop: () => server.destroy() })
