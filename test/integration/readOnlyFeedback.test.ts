// A participant (read-only) whose client writes anyway is told so: one y-protocols/auth
// permission-denied `read_only` per connection, the connection stays open, the update is still
// dropped. A reader that only syncs is told nothing (docs/protocol.md).
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as authProtocol from 'y-protocols/auth'
import { AuthMessageType, MessageType, PermissionDeniedReason } from '@common-ground/protocol'
import { useCleanup } from './helpers/cleanup.ts'
import { addMember, createInitiative, signUp } from './helpers/accounts.ts'
import { connectSynced, rawJoined, updateFrame, type Client } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

/** Records the permission-denied reasons the provider receives (y-websocket only logs them). */
function deniedReasons(client: Client): string[] {
  const reasons: string[] = []
  client.provider.messageHandlers[MessageType.Auth] = (_encoder, decoder, provider) => {
    authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => reasons.push(reason))
  }
  return reasons
}

async function setUp() {
  const server = await startTestServer({ access: 'enforced' })
  const backbone = await signUp(server.url, 'Backbone')
  const { id: initiativeId, agenda } = await createInitiative(server.url, backbone)
  const participant = await addMember(server.url, backbone, initiativeId, 'participant')
  const editor = await connectSynced(server.syncUrl, agenda, { headers: { cookie: backbone.cookie } })
  // A deletion: every reader's step 2 repeats the whole delete set, which must not count as a write.
  editor.doc.getText('text').insert(0, 'hello world')
  editor.doc.getText('text').delete(0, 6)
  return { server, backbone, participant, agenda, editor }
}

describe('a read-only connection that writes', () => {
  it('is told once with permission-denied read_only, stays connected and keeps receiving; nothing it wrote is kept', async () => {
    const { server, participant, agenda, editor } = await setUp()
    await waitFor(async () => {
      const room = await server.rooms.acquire(agenda)
      return room.doc.getText('text').toString() === 'world'
    })
    const viewer = await connectSynced(server.syncUrl, agenda, { headers: { cookie: participant.cookie } })
    const reasons = deniedReasons(viewer)
    await waitFor(() => viewer.doc.getText('text').toString() === 'world', { what: 'the viewer to have the text' })

    // Syncing again (a reconnect sends the step 2 with the delete set) says nothing.
    viewer.provider.disconnect()
    viewer.provider.connect()
    await waitFor(() => viewer.provider.synced && viewer.provider.wsconnected, { what: 'the viewer to resync' })
    const probe = editor.doc.getText('text')
    probe.insert(probe.length, '!')
    await waitFor(() => viewer.doc.getText('text').toString() === 'world!', { what: 'the edit to reach the viewer' })
    expect(reasons).toEqual([])

    // A modified page writes anyway: told once, however many times it writes.
    viewer.doc.getText('text').insert(0, 'sneaky ')
    await waitFor(() => reasons.length > 0, { what: 'the permission-denied message' })
    viewer.doc.getText('text').insert(0, 'more ')
    viewer.doc.getText('text').delete(0, 2)
    probe.insert(probe.length, '?')
    await waitFor(() => viewer.doc.getText('text').toString().endsWith('world!?'), { what: 'a later edit to reach the viewer' })
    expect(reasons).toEqual([PermissionDeniedReason.ReadOnly])
    expect(viewer.provider.wsconnected).toBe(true)
    expect(editor.doc.getText('text').toString()).toBe('world!?')
    const room = await server.rooms.acquire(agenda)
    expect(room.doc.getText('text').toString()).toBe('world!?')
  })

  it('sends exactly the y-protocols/auth frame to a raw client, which stays open', async () => {
    const { server, participant, agenda } = await setUp()
    const raw = await rawJoined(server.syncUrl, agenda, { cookie: participant.cookie })
    const doc = new Y.Doc()
    doc.getText('text').insert(0, 'raw write')
    raw.send(updateFrame(Y.encodeStateAsUpdate(doc)))
    raw.send(updateFrame(Y.encodeStateAsUpdate(doc, new Uint8Array([0]))))
    const reason = new TextEncoder().encode(PermissionDeniedReason.ReadOnly)
    const expected = [MessageType.Auth, AuthMessageType.PermissionDenied, reason.length, ...reason]
    await waitFor(() => raw.messages.some((m) => m[0] === MessageType.Auth), { what: 'the permission-denied frame' })
    const auth = raw.messages.filter((m) => m[0] === MessageType.Auth)
    expect(auth.map((m) => [...m])).toEqual([expected])
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
  })
})
