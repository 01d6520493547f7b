// Frames built once by WireFrame must arrive at a real ws client exactly as ws.send's would.
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { WireFrame, writeFrame } from './wireFrame.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function pair(): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false })
  await once(wss, 'listening')
  cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())))
  const accepted = once(wss, 'connection') as Promise<[WebSocket]>
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
  cleanups.push(() => client.terminate())
  await once(client, 'open')
  const [server] = await accepted
  return { server, client }
}

describe('WireFrame', () => {
  it('every length encoding (7-bit, 16-bit, 64-bit) arrives intact and in order', async () => {
    const { server, client } = await pair()
    const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000]
    const payloads = sizes.map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff))
    const received: Buffer[] = []
    const all = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer, isBinary: boolean) => {
        expect(isBinary).toBe(true)
        received.push(data)
        if (received.length === payloads.length) resolve()
      }),
    )
    for (const p of payloads) writeFrame(server, new WireFrame(p))
    await all
    expect(received.map((b) => b.length)).toEqual(sizes)
    received.forEach((b, i) => expect(Buffer.compare(b, Buffer.from(payloads[i]!))).toBe(0))
  })

  it('takes the direct path with the ws version in use, and interleaves with ws.send in order', async () => {
    const { server, client } = await pair()
    // writeFrame relies on these ws internals; if an upgrade renames them it silently falls
    // back to ws.send (correct, slower) — this test is what notices.
    const internals = server as unknown as { _socket: unknown; _sender: { _state: unknown; _queue: unknown[] } }
    expect(internals._socket).toBeTruthy()
    expect(internals._sender._state).toBe(0)
    expect(Array.isArray(internals._sender._queue)).toBe(true)
    const got: number[] = []
    const done = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer) => {
        got.push(data[0]!)
        if (got.length === 6) resolve()
      }),
    )
    for (let i = 0; i < 6; i++) {
      if (i % 2 === 0) writeFrame(server, new WireFrame(Uint8Array.of(i)))
      else server.send(Uint8Array.of(i))
    }
    await done
    expect(got).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('after the socket closed, writing a frame neither throws nor sends', async () => {
    const { server, client } = await pair()
    server.close(1000)
    await once(client, 'close')
    expect(() => writeFrame(server, new WireFrame(Uint8Array.of(1)))).not.toThrow()
  })
})
