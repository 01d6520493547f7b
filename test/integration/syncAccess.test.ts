// The WebSocket door under enforced access: the upgrade is authenticated and authorized before
// any document data is sent; read-only connections change nothing, even after a restart; and
// live connections lose or change their rights within moments of a membership change.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { CloseCode, MessageType, SyncMessageType } from '@common-ground/protocol'
import { useCleanup } from './helpers/cleanup.ts'
import { addMember, api, createInitiative, createPartner, createToken, signIn, signUp, type Account } from './helpers/accounts.ts'
import { connectSynced, rawClient, rawJoined, syncStep1Frame, updateFrame, type RawClient } from './helpers/clients.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'
import { waitFor, withTimeout } from './helpers/wait.ts'

useCleanup()

const enforced = (options: Parameters<typeof startTestServer>[0] = {}) => startTestServer({ access: 'enforced', ...options })

function docUrl(server: { syncUrl: string }, name: string, query = ''): string {
  return `${server.syncUrl}/${name}${query}`
}

const asHeaders = (who: Account | null): Record<string, string> | undefined => (who ? { cookie: who.cookie } : undefined)

/** An update that appends `text` to the Y.Text 'text' of a fresh client. */
function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('text').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

function isStep2(frame: Uint8Array): boolean {
  return frame[0] === MessageType.Sync && frame[1] === SyncMessageType.Step2
}

/**
 * Sends an update, then a sync step 1, and waits for the step 2 answer: frames of one
 * connection are handled in order, so once the answer is back the update was handled.
 */
async function sendAndSettle(client: RawClient, update: Uint8Array): Promise<void> {
  const before = client.messages.filter(isStep2).length
  client.send(updateFrame(update))
  client.send(syncStep1Frame(new Y.Doc()))
  await waitFor(() => client.messages.filter(isStep2).length > before, { what: 'the answer to the probe step 1' })
}

async function serverText(server: TestServer, name: string): Promise<string> {
  const room = await server.rooms.acquire(name)
  try {
    return room.doc.getText('text').toString()
  } finally {
    if (room.connections.size === 0) room.onIdle(room)
  }
}

async function expectRefused(url: string, headers: Record<string, string> | undefined, code: number, reason?: string): Promise<void> {
  const client = rawClient(url, headers)
  const closed = await withTimeout(client.closed, 10_000, `the refusal of ${url}`)
  expect(closed.code).toBe(code)
  if (reason) expect(closed.reason).toBe(reason)
  // Not one byte of document data (nor a sync step 1) before the close frame.
  expect(client.messages).toEqual([])
}

interface Cast {
  server: TestServer
  backbone: Account
  partnerA: Account
  participant: Account
  outsider: Account
  initiativeId: string
  agenda: string
  pageA: string
  pageB: string
}

async function cast(server: TestServer): Promise<Cast> {
  const backbone = await signUp(server.url, 'Backbone')
  const { id: initiativeId, agenda } = await createInitiative(server.url, backbone)
  const a = await createPartner(server.url, backbone, initiativeId, 'Partner A', 'government')
  const b = await createPartner(server.url, backbone, initiativeId, 'Partner B', 'business')
  const partnerA = await addMember(server.url, backbone, initiativeId, 'partner', a.id)
  const participant = await addMember(server.url, backbone, initiativeId, 'participant')
  const outsider = await signUp(server.url, 'Outsider')
  return { server, backbone, partnerA, participant, outsider, initiativeId, agenda, pageA: a.documentName, pageB: b.documentName }
}

describe('the upgrade is authorized before any document data is sent', () => {
  it('refuses a connection without credentials with 4401', async () => {
    const server = await enforced()
    const { agenda } = await cast(server)
    await expectRefused(docUrl(server, agenda), undefined, CloseCode.Unauthenticated, 'unauthenticated')
    // A document that belongs to no initiative is nobody's: refused too.
    await expectRefused(docUrl(server, 'loose/document'), undefined, CloseCode.Unauthenticated)
  })

  it('refuses an unknown or revoked bearer token with 4401, and accepts a valid one (header or query)', async () => {
    const server = await enforced()
    const { backbone, agenda } = await cast(server)
    await expectRefused(docUrl(server, agenda), { authorization: 'Bearer cgp_not-a-real-token' }, CloseCode.Unauthenticated)
    await expectRefused(docUrl(server, agenda, '?token=cgp_not-a-real-token'), undefined, CloseCode.Unauthenticated)

    const token = await createToken(server.url, backbone)
    const viaHeader = await rawJoined(server.syncUrl, agenda, { authorization: `Bearer ${token.secret}` })
    const viaQuery = rawClient(docUrl(server, agenda, `?token=${token.secret}`))
    await viaQuery.opened
    await waitFor(() => viaQuery.messages.length > 0, { what: 'the query-token client to be served' })
    await sendAndSettle(viaHeader, textUpdate('by token'))
    expect(await serverText(server, agenda)).toBe('by token')

    // Revoking the token closes its live connections and refuses it from then on.
    const revoked = await api(server.url, 'DELETE', `/api/me/tokens/${token.id}`, { as: backbone })
    expect(revoked.status).toBe(204)
    expect((await withTimeout(viaHeader.closed, 3_000, 'the revoked token connection to close')).code).toBe(CloseCode.Unauthenticated)
    expect((await withTimeout(viaQuery.closed, 3_000, 'the revoked query-token connection to close')).code).toBe(CloseCode.Unauthenticated)
    await expectRefused(docUrl(server, agenda), { authorization: `Bearer ${token.secret}` }, CloseCode.Unauthenticated)
  })

  it('refuses a foreign Origin (cross-site WebSocket hijacking) even with a valid session cookie', async () => {
    const server = await enforced({ allowedOrigins: ['http://localhost:5173'] })
    const { backbone, agenda } = await cast(server)
    await expectRefused(docUrl(server, agenda), { cookie: backbone.cookie, origin: 'http://evil.example' }, CloseCode.Forbidden, 'origin_not_allowed')
    await expectRefused(docUrl(server, agenda), { cookie: backbone.cookie, origin: 'null' }, CloseCode.Forbidden, 'origin_not_allowed')
    // The server's own origin and the configured ones are fine.
    await (await rawJoined(server.syncUrl, agenda, { cookie: backbone.cookie, origin: server.url })).close()
    await (await rawJoined(server.syncUrl, agenda, { cookie: backbone.cookie, origin: 'http://localhost:5173' })).close()
  })
})

describe('every role × every document kind', () => {
  it('allows, reads or refuses exactly as docs/permissions.md says', async () => {
    const server = await enforced()
    const c = await cast(server)
    type Who = 'backbone' | 'partnerA' | 'participant' | 'outsider' | 'anonymous'
    const people: Record<Who, Account | null> = {
      backbone: c.backbone,
      partnerA: c.partnerA,
      participant: c.participant,
      outsider: c.outsider,
      anonymous: null,
    }
    // docs/permissions.md, "Documents": edit / read / refused with a close code.
    const matrix: Record<string, Record<Who, 'edit' | 'read' | number>> = {
      agenda: { backbone: 'edit', partnerA: 'edit', participant: 'read', outsider: CloseCode.Forbidden, anonymous: CloseCode.Unauthenticated },
      'own partner page': { backbone: 'edit', partnerA: 'edit', participant: 'read', outsider: CloseCode.Forbidden, anonymous: CloseCode.Unauthenticated },
      "another partner's page": {
        backbone: 'edit',
        partnerA: 'read',
        participant: 'read',
        outsider: CloseCode.Forbidden,
        anonymous: CloseCode.Unauthenticated,
      },
      'published agenda': { backbone: 'edit', partnerA: 'edit', participant: 'read', outsider: 'read', anonymous: 'read' },
    }
    const documents: Record<string, string> = { agenda: c.agenda, 'own partner page': c.pageA, "another partner's page": c.pageB }

    const outcomes: string[] = []
    const expected: string[] = []
    const check = async (kind: string, name: string) => {
      for (const who of Object.keys(people) as Who[]) {
        const want = matrix[kind]![who]
        expected.push(`${kind} × ${who}: ${want}`)
        if (typeof want === 'number') {
          const client = rawClient(docUrl(server, name), asHeaders(people[who]))
          const closed = await withTimeout(client.closed, 10_000, `${who} on ${kind} to be refused`)
          outcomes.push(`${kind} × ${who}: ${client.messages.length === 0 ? closed.code : `${closed.code} after data`}`)
          continue
        }
        const client = await rawJoined(server.syncUrl, name, asHeaders(people[who]))
        const marker = `[${who}@${kind}]`
        await sendAndSettle(client, textUpdate(marker))
        const applied = (await serverText(server, name)).includes(marker)
        outcomes.push(`${kind} × ${who}: ${applied ? 'edit' : 'read'}`)
        await client.close()
      }
    }
    for (const [kind, name] of Object.entries(documents)) await check(kind, name)

    const published = await api(server.url, 'PUT', `/api/initiatives/${c.initiativeId}/publication`, {
      as: c.backbone,
      body: { kind: 'agenda', published: true },
    })
    expect(published.status).toBe(200)
    await check('published agenda', c.agenda)

    expect(outcomes).toEqual(expected)
  })
})

describe('read-only connections', () => {
  it("never applies, broadcasts or persists a participant's update (checked after a restart)", async () => {
    const first = await enforced()
    const c = await cast(first)
    const editor = await connectSynced(first.syncUrl, c.agenda, { headers: { cookie: c.backbone.cookie } })
    const seen: string[] = []
    editor.doc.getText('text').observe(() => seen.push(editor.doc.getText('text').toString()))

    const viewer = await rawJoined(first.syncUrl, c.agenda, { cookie: c.participant.cookie })
    await sendAndSettle(viewer, textUpdate('participant was here'))
    editor.doc.getText('text').insert(0, 'backbone text')
    await waitFor(async () => (await serverText(first, c.agenda)) === 'backbone text', { what: "the backbone's edit on the server" })
    // The viewer still receives the document (it reads everything)…
    await waitFor(() => viewer.messages.some((m) => m[0] === MessageType.Sync && m[1] === SyncMessageType.Update), { what: 'the viewer to receive the edit' })
    // …but its own update reached nobody.
    expect(seen.every((text) => !text.includes('participant'))).toBe(true)

    await editor.destroy()
    await viewer.close()
    await first.stop()
    const second = await enforced({ dataDir: first.dataDir })
    const backbone = await signIn(second.url, c.backbone.email, c.backbone.password)
    const reader = await connectSynced(second.syncUrl, c.agenda, { headers: { cookie: backbone.cookie } })
    expect(reader.doc.getText('text').toString()).toBe('backbone text')
  })
})

describe('public readers', () => {
  it("get the published document but not the members' presence, and announce none of their own", async () => {
    const server = await enforced()
    const c = await cast(server)
    const published = await api(server.url, 'PUT', `/api/initiatives/${c.initiativeId}/publication`, {
      as: c.backbone,
      body: { kind: 'agenda', published: true },
    })
    expect(published.status).toBe(200)
    const editor = await connectSynced(server.syncUrl, c.agenda, { headers: { cookie: c.backbone.cookie } })
    editor.provider.awareness.setLocalStateField('user', { name: 'Noa', color: '#123456' })
    const member = await rawJoined(server.syncUrl, c.agenda, { cookie: c.participant.cookie })
    const reader = await rawJoined(server.syncUrl, c.agenda)
    const isAwareness = (m: Uint8Array) => m[0] === MessageType.Awareness
    // A member sees the editor's presence; the public reader does not, even when it asks.
    await waitFor(() => member.messages.some(isAwareness), { what: "the member to receive the editor's presence" })
    reader.send(new Uint8Array([MessageType.QueryAwareness]))
    editor.provider.awareness.setLocalStateField('user', { name: 'Noa Levi', color: '#123456' })
    await waitFor(() => member.messages.filter(isAwareness).length >= 2, { what: 'the presence change to reach the member' })
    editor.doc.getText('text').insert(0, 'public text')
    await waitFor(() => reader.messages.some((m) => m[0] === MessageType.Sync && m[1] === SyncMessageType.Update), { what: 'the reader to receive the edit' })
    expect(reader.messages.filter(isAwareness)).toEqual([])
    // Its own awareness frames are dropped: the editor never learns of a second client.
    const stranger = new awarenessProtocol.Awareness(new Y.Doc())
    stranger.setLocalState({ user: { name: 'anonymous' } })
    const frame = encoding.createEncoder()
    encoding.writeVarUint(frame, MessageType.Awareness)
    encoding.writeVarUint8Array(frame, awarenessProtocol.encodeAwarenessUpdate(stranger, [stranger.clientID]))
    reader.send(encoding.toUint8Array(frame))
    await sendAndSettle(reader, new Uint8Array([0, 0]))
    expect([...editor.provider.awareness.getStates().keys()]).toEqual([editor.doc.clientID])
  })
})

describe('access changes reach live connections', () => {
  it('disconnects a removed member with 4403 and refuses them afterwards', async () => {
    const server = await enforced()
    const c = await cast(server)
    const live = await rawJoined(server.syncUrl, c.agenda, { cookie: c.participant.cookie })
    const removed = await api(server.url, 'DELETE', `/api/initiatives/${c.initiativeId}/members/${c.participant.userId}`, { as: c.backbone })
    expect(removed.status).toBe(204)
    expect((await withTimeout(live.closed, 3_000, 'the removed member to be disconnected')).code).toBe(CloseCode.Forbidden)
    await expectRefused(docUrl(server, c.agenda), { cookie: c.participant.cookie }, CloseCode.Forbidden)
  })

  it('asks a member whose role changed to reconnect (4409), and the new connection has the new rights', async () => {
    const server = await enforced()
    const c = await cast(server)
    const live = await rawJoined(server.syncUrl, c.agenda, { cookie: c.partnerA.cookie })
    await sendAndSettle(live, textUpdate('A'))
    const changed = await api(server.url, 'PATCH', `/api/initiatives/${c.initiativeId}/members/${c.partnerA.userId}`, {
      as: c.backbone,
      body: { role: 'participant' },
    })
    expect(changed.status).toBe(200)
    expect((await withTimeout(live.closed, 3_000, 'the changed member to be told')).code).toBe(CloseCode.PermissionsChanged)
    const again = await rawJoined(server.syncUrl, c.agenda, { cookie: c.partnerA.cookie })
    await sendAndSettle(again, textUpdate('B'))
    expect(await serverText(server, c.agenda)).toBe('A')
  })

  it('closes the connections of a session that signed out with 4401', async () => {
    const server = await enforced()
    const c = await cast(server)
    const live = await rawJoined(server.syncUrl, c.agenda, { cookie: c.backbone.cookie })
    const out = await api(server.url, 'POST', '/api/auth/logout', { as: c.backbone })
    expect(out.status).toBe(204)
    expect((await withTimeout(live.closed, 3_000, 'the signed-out session to be disconnected')).code).toBe(CloseCode.Unauthenticated)
    await expectRefused(docUrl(server, c.agenda), { cookie: c.backbone.cookie }, CloseCode.Unauthenticated)
  })

  it('closes anonymous readers when the backbone unpublishes the agenda', async () => {
    const server = await enforced()
    const c = await cast(server)
    const publish = (published: boolean) =>
      api(server.url, 'PUT', `/api/initiatives/${c.initiativeId}/publication`, { as: c.backbone, body: { kind: 'agenda', published } })
    expect((await publish(true)).status).toBe(200)
    const reader = await rawJoined(server.syncUrl, c.agenda)
    expect((await publish(false)).status).toBe(200)
    const closed = await withTimeout(reader.closed, 3_000, 'the anonymous reader to be disconnected')
    expect([CloseCode.Forbidden, CloseCode.Unauthenticated]).toContain(closed.code)
  })
})
