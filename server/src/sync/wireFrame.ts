// A broadcast framed once. `ws.send` frames a message for every socket it is sent to (a header
// allocated per socket, then a cork/writev of header + payload); a room broadcasting to 500
// readers paid that 500 times per update. A WireFrame is the complete WebSocket frame, built once,
// and written to each socket as one buffer. ws made its framing public for this use (PR #1016);
// writing to the socket is not public API, so `writeFrame` does it only when ws itself has
// nothing queued for that socket, and otherwise falls back to `ws.send`.
import { WebSocket } from 'ws'

/** A binary message as an unmasked server-to-client frame (RFC 6455 §5.2), FIN set. */
export class WireFrame {
  readonly bytes: Buffer

  constructor(readonly payload: Uint8Array) {
    const n = payload.byteLength
    const headerBytes = n < 126 ? 2 : n < 65_536 ? 4 : 10
    const bytes = Buffer.allocUnsafe(headerBytes + n)
    bytes[0] = 0x82 // FIN + opcode 2 (binary)
    if (n < 126) {
      bytes[1] = n
    } else if (n < 65_536) {
      bytes[1] = 126
      bytes.writeUInt16BE(n, 2)
    } else {
      bytes[1] = 127
      bytes.writeUInt32BE(Math.floor(n / 2 ** 32), 2)
      bytes.writeUInt32BE(n >>> 0, 6)
    }
    bytes.set(payload, headerBytes)
    this.bytes = bytes
  }
}

/** The parts of a ws 8 WebSocket that `writeFrame` relies on (checked on every call). */
interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean } | null
  _sender?: { _state?: unknown; _queue?: { length: number } }
}

/** Writes `frame` to `ws`'s socket as it is, or through `ws.send` when that would not be safe. */
export function writeFrame(ws: WebSocket, frame: WireFrame): void {
  const { _socket: socket, _sender: sender } = ws as unknown as WsInternals
  // Sender state 0 = DEFAULT: no compression or blob read under way, so nothing is queued that
  // this frame could overtake. The server negotiates no extensions (perMessageDeflate: false).
  if (ws.readyState === WebSocket.OPEN && socket && sender?._state === 0 && sender._queue?.length === 0) {
    socket.write(frame.bytes)
  } else {
    ws.send(frame.payload, { binary: true })
  }
}
