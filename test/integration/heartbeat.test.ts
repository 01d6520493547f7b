// Dead sockets: a peer that stops answering pings (a laptop lid closed, a cable pulled) is
// terminated by the heartbeat, and its presence disappears for everyone else.
import { describe, expect, it } from 'vitest'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

describe('heartbeat', () => {
  it('terminates a socket that stopped answering pings and removes its awareness state', async () => {
    const server = await startTestServer({ limits: { heartbeatMs: 100 } })
    const DOC = 'heartbeat/dead'
    const watcher = await connectSynced(server.syncUrl, DOC)
    const sleeper = await connectSynced(server.syncUrl, DOC)
    sleeper.provider.awareness.setLocalStateField('user', { name: 'Sleeper' })
    const sleeperId = sleeper.doc.clientID
    await waitFor(() => watcher.provider.awareness.getStates().has(sleeperId), { what: 'the sleeper to appear' })
    const room = server.rooms.get(DOC)!
    expect(room.connections.size).toBe(2)

    // The sleeper's machine stops reading: no pongs, no close frame, no FIN.
    const socket = (sleeper.provider.ws as unknown as { _socket: { pause(): void } })._socket
    socket.pause()
    sleeper.provider.shouldConnect = false

    await waitFor(() => room.connections.size === 1, { what: 'the heartbeat to terminate the dead socket' })
    await waitFor(() => !watcher.provider.awareness.getStates().has(sleeperId), {
      what: "the sleeper's presence to disappear for the watcher",
    })
    expect(room.awareness.getStates().has(sleeperId)).toBe(false)
    // A live peer is not affected: it answers pings.
    expect([...room.connections][0]!.closed).toBe(false)
  })
})
