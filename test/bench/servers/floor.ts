// Launcher: the floor — a raw WebSocket relay that knows y-websocket's framing but not Yjs.
//
// Per room it keeps the document as the list of update frames it has seen (copied, in
// arrival order) and never merges, decodes or re-encodes them:
// - a sync update or step 2 from a client is copied once, stored, and the same bytes are
//   sent to every other socket of the room (a step 2's sub-type byte is rewritten to
//   "update", so it cannot end anyone's sync); empty updates are dropped;
// - a client's sync step 1 is answered with every stored frame, then an empty step 2, which
//   tells the client it is synced (the floor never sends a step 1 of its own);
// - awareness frames are forwarded, not stored; anything else is ignored.
// A room whose document came from storage (`<name>.yupdate`, read synchronously on the first
// join and framed once as one update) is dropped when its last socket leaves, like the
// peers unload; other rooms stay in memory, like the reference server's.
import http from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import * as encoding from 'lib0/encoding'
import { announce, readConfig, readStored, serveControl } from './common.ts'

interface Room {
  sockets: Set<WebSocket>
  frames: Buffer[]
  fromStorage: boolean
}

const EMPTY_STEP2 = Buffer.from([0, 1, 2, 0, 0])
const config = readConfig()
const rooms = new Map<string, Room>()

function open(name: string): Room {
  let room = rooms.get(name)
  if (!room) {
    const stored = readStored(config.storeDir, name)
    const frames: Buffer[] = []
    if (stored) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, 2)
      encoding.writeVarUint8Array(encoder, stored)
      frames.push(Buffer.from(encoding.toUint8Array(encoder)))
    }
    room = { sockets: new Set(), frames, fromStorage: stored !== null }
    rooms.set(name, room)
  }
  return room
}

function isEmptyUpdate(data: Buffer): boolean {
  return data.length === 5 && data[2] === 2 && data[3] === 0 && data[4] === 0
}

const server = http.createServer((_req, res) => {
  res.writeHead(200)
  res.end('floor')
})
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
wss.on('connection', (ws: WebSocket, request: http.IncomingMessage) => {
  const name = (request.url ?? '/').slice(1).split('?')[0]!
  const room = open(name)
  room.sockets.add(ws)
  ws.on('message', (data: Buffer) => {
    const type = data[0]
    if (type === 0) {
      const sub = data[1]
      if (sub === 0) {
        for (const frame of room.frames) ws.send(frame)
        ws.send(EMPTY_STEP2)
        return
      }
      if (isEmptyUpdate(data)) return
      const frame = Buffer.from(data)
      if (sub === 1) frame[1] = 2
      room.frames.push(frame)
      for (const other of room.sockets) if (other !== ws) other.send(frame)
    } else if (type === 1) {
      for (const other of room.sockets) if (other !== ws) other.send(data)
    }
  })
  ws.on('close', () => {
    room.sockets.delete(ws)
    if (room.sockets.size === 0 && room.fromStorage) rooms.delete(name)
  })
  ws.on('error', () => {})
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const port = (server.address() as { port: number }).port
announce({ port, url: `ws://127.0.0.1:${port}`, dialect: 'yws' })
serveControl({
  docs: () => rooms.size,
  stop: async () => {
    for (const client of wss.clients) client.terminate()
    server.close()
  },
})
