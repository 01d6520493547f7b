// Launcher: the reference y-websocket server, @y/websocket-server 0.1.1 (the last release on
// Yjs 13), wired exactly like its own bin/server: setupWSConnection on a plain http + ws
// server. No persistence; stored documents are loaded through its persistence hook
// (bindState, synchronously, like y-leveldb's getYDoc + applyUpdate) and nothing is written.
import http from 'node:http'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { docs, setPersistence, setupWSConnection } from '@y/websocket-server/utils'
import { announce, readConfig, readStored, serveControl } from './common.ts'

const config = readConfig()
setPersistence({
  provider: null,
  bindState: (name: string, doc: Y.Doc) => {
    const stored = readStored(config.storeDir, name)
    if (stored) Y.applyUpdate(doc, stored)
  },
  writeState: async () => {},
})

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' })
  res.end('okay')
})
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const port = (server.address() as { port: number }).port
announce({ port, url: `ws://127.0.0.1:${port}`, dialect: 'yws' })
serveControl({
  docs: () => docs.size,
  stop: async () => {
    for (const client of wss.clients) client.terminate()
    server.close()
  },
})
