// The measurement sheet's write rules on the socket (docs/permissions.md), with real y-websocket
// clients on a real server: a participant's connection is read-only (its writes are dropped, never
// applied, sent on or persisted); a partner executive writes their own partner's cells, and an
// update touching any other cell closes the connection with 4413 ForbiddenWrite and none of it is
// kept — not even its own-partner part; the rule and the accepted cells survive a restart on the
// same data directory; a role change made through the HTTP API reaches a live connection.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, MessageType, SyncMessageType } from '@common-ground/protocol'
import { cellKey, writeCell, type CellCoordinates } from '@common-ground/domain'
import { addMember, api, createInitiative, createPartner, signIn, signUp, type Account } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced, syncStep1Frame, type Client } from './helpers/clients.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'
import { waitFor, withTimeout } from './helpers/wait.ts'

useCleanup()

const cell = (partnerId: string, period: string): CellCoordinates => ({ indicatorId: 'i-guard000001', period, partnerId, dimension: '', category: '' })

async function setup() {
  const server = await startTestServer({ access: 'enforced' })
  const backbone = await signUp(server.url, 'Backbone Person')
  const { id } = await createInitiative(server.url, backbone, 'Guarded sheet')
  const schools = await createPartner(server.url, backbone, id, 'City schools')
  const clinic = await createPartner(server.url, backbone, id, 'Clinic')
  const executive = await addMember(server.url, backbone, id, 'partner', schools.id)
  const participant = await addMember(server.url, backbone, id, 'participant')
  return { server, backbone, executive, participant, id, sheet: `i/${id}/measurements`, own: schools.id, other: clinic.id }
}

const connectAs = (server: { syncUrl: string }, name: string, who: Account) => connectSynced(server.syncUrl, name, { headers: { cookie: who.cookie } })

/** The cell keys of the sheet as the server holds it (the room's Y.Doc). */
async function serverCells(server: TestServer, name: string): Promise<string[]> {
  const room = await server.rooms.acquire(name)
  try {
    return [...room.doc.getMap('cells').keys()].sort()
  } finally {
    if (room.connections.size === 0) room.onIdle(room)
  }
}

/** The cell keys a freshly connected backbone client receives. */
async function cellsSeenBy(server: { syncUrl: string }, name: string, who: Account): Promise<string[]> {
  const reader = await connectAs(server, name, who)
  const keys = [...reader.doc.getMap('cells').keys()].sort()
  await reader.destroy()
  return keys
}

/**
 * Sends a sync step 1 on the client's socket and waits for its step 2: the server handles one
 * connection's frames in order, so everything the client sent before has been handled.
 */
async function settle(client: Client): Promise<void> {
  const ws = client.provider.ws!
  const answered = new Promise<void>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      const frame = new Uint8Array(event.data as ArrayBuffer)
      if (frame[0] !== MessageType.Sync || frame[1] !== SyncMessageType.Step2) return
      ws.removeEventListener('message', onMessage)
      resolve()
    }
    ws.addEventListener('message', onMessage)
  })
  ws.send(syncStep1Frame(new Y.Doc()))
  await withTimeout(answered, 10_000, 'the answer to the probe step 1')
}

/** Resolves with the code of the client's next close (the provider does not reconnect after a 44xx code). */
function nextClose(client: Client): Promise<number> {
  return withTimeout(
    new Promise<number>((resolve) => {
      const onClose = (event: CloseEvent | null) => {
        client.provider.off('connection-close', onClose)
        resolve(event?.code ?? 0)
      }
      client.provider.on('connection-close', onClose)
    }),
    10_000,
    `${client.name} to be closed`,
  )
}

describe('the measurement sheet write guard', () => {
  it("drops a participant's writes: never applied, sent on or persisted, and the connection stays read-only", async () => {
    const { server, backbone, participant, sheet, own } = await setup()
    const watcher = await connectAs(server, sheet, backbone)
    const seen: string[] = []
    watcher.doc.getMap('cells').observe((event) => seen.push(...event.keysChanged))
    const viewer = await connectAs(server, sheet, participant)
    writeCell(viewer.doc, cell(own, '2023'), { value: 55, status: 'submitted' })
    writeCell(viewer.doc, cell('', '2023'), { value: 56 })
    await settle(viewer)
    expect(await serverCells(server, sheet)).toEqual([])
    // A later write of the backbone arrives; the participant's never did.
    writeCell(watcher.doc, cell(own, '2024'), { value: 60 })
    await waitFor(async () => (await serverCells(server, sheet)).length === 1, { what: "the backbone's cell on the server" })
    await waitFor(() => viewer.doc.getMap('cells').has(cellKey(cell(own, '2024'))), { what: "the participant to receive the backbone's cell" })
    expect(seen).toEqual([cellKey(cell(own, '2024'))])
    expect(viewer.provider.wsconnected).toBe(true)
    await viewer.destroy()
    await watcher.destroy()

    await server.stop()
    const again = await startTestServer({ access: 'enforced', dataDir: server.dataDir })
    const backboneAgain = await signIn(again.url, backbone.email, backbone.password)
    expect(await cellsSeenBy(again, sheet, backboneAgain)).toEqual([cellKey(cell(own, '2024'))])
  })

  it("lets a partner executive write their own partner's cells and refuses, whole, an update touching any other (4413)", async () => {
    const { server, backbone, executive, sheet, own, other } = await setup()
    const writer = await connectAs(server, sheet, executive)
    writeCell(writer.doc, cell(own, '2023'), { value: 55, note: 'first year', status: 'submitted', definitionVersion: 1 })
    await settle(writer)
    expect(await serverCells(server, sheet)).toEqual([cellKey(cell(own, '2023'))])

    // One update with an own cell and another partner's cell: refused as a whole.
    const closed = nextClose(writer)
    writer.doc.transact(() => {
      writeCell(writer.doc, cell(own, '2024'), { value: 57 })
      writeCell(writer.doc, cell(other, '2024'), { value: 99 })
    })
    expect(await closed).toBe(CloseCode.ForbiddenWrite)
    expect(await serverCells(server, sheet)).toEqual([cellKey(cell(own, '2023'))])
    expect(await cellsSeenBy(server, sheet, backbone)).toEqual([cellKey(cell(own, '2023'))])
    await writer.destroy()

    // The initiative-wide row, and deleting another partner's cell, are refused too.
    const backboneClient = await connectAs(server, sheet, backbone)
    writeCell(backboneClient.doc, cell(other, '2023'), { value: 12 })
    await settle(backboneClient)
    for (const change of [
      (doc: Y.Doc) => writeCell(doc, cell('', '2023'), { value: 1 }),
      (doc: Y.Doc) => doc.getMap('cells').delete(cellKey(cell(other, '2023'))),
      (doc: Y.Doc) => (doc.getMap('cells').get(cellKey(cell(other, '2023'))) as Y.Map<unknown>).set('value', 13),
      (doc: Y.Doc) => doc.getMap('notes').set('x', 1),
    ]) {
      const client = await connectAs(server, sheet, executive)
      const refused = nextClose(client)
      change(client.doc)
      expect(await refused).toBe(CloseCode.ForbiddenWrite)
      await client.destroy()
    }
    const expected = [cellKey(cell(other, '2023')), cellKey(cell(own, '2023'))].sort()
    expect(await serverCells(server, sheet)).toEqual(expected)
    await settle(backboneClient)
    expect((backboneClient.doc.getMap('cells').get(cellKey(cell(other, '2023'))) as Y.Map<unknown>).get('value')).toBe(12)
    await backboneClient.destroy()

    // After a restart on the same data directory: the accepted cells are there, the rule holds.
    await server.stop()
    const again = await startTestServer({ access: 'enforced', dataDir: server.dataDir })
    const executiveAgain = await signIn(again.url, executive.email, executive.password)
    const backboneAgain = await signIn(again.url, backbone.email, backbone.password)
    const writerAgain = await connectAs(again, sheet, executiveAgain)
    const ownCell = writerAgain.doc.getMap('cells').get(cellKey(cell(own, '2023'))) as Y.Map<unknown>
    expect(ownCell.toJSON()).toEqual({ value: 55, note: 'first year', status: 'submitted', definitionVersion: 1 })
    writeCell(writerAgain.doc, cell(own, '2025'), { value: 58 })
    await settle(writerAgain)
    const refusedAgain = nextClose(writerAgain)
    writeCell(writerAgain.doc, cell(other, '2025'), { value: 98 })
    expect(await refusedAgain).toBe(CloseCode.ForbiddenWrite)
    await writerAgain.destroy()
    expect(await cellsSeenBy(again, sheet, backboneAgain)).toEqual([...expected, cellKey(cell(own, '2025'))].sort())
  })

  it('applies a role change made through the HTTP API to a live connection', async () => {
    const { server, backbone, executive, id, sheet, own, other } = await setup()
    const writer = await connectAs(server, sheet, executive)
    writeCell(writer.doc, cell(own, '2023'), { value: 55 })
    await settle(writer)
    expect(await serverCells(server, sheet)).toEqual([cellKey(cell(own, '2023'))])

    // Moved to another partner: the connection keeps editing, but the next write to the old rows is refused.
    const moved = await api(server.url, 'PATCH', `/api/initiatives/${id}/members/${executive.userId}`, {
      as: backbone,
      body: { role: 'partner', partnerId: other },
    })
    expect(moved.status).toBe(200)
    writeCell(writer.doc, cell(other, '2023'), { value: 70 })
    await settle(writer)
    expect(await serverCells(server, sheet)).toEqual([cellKey(cell(other, '2023')), cellKey(cell(own, '2023'))].sort())
    const refused = nextClose(writer)
    writeCell(writer.doc, cell(own, '2024'), { value: 57 })
    expect(await refused).toBe(CloseCode.ForbiddenWrite)
    await writer.destroy()

    // Made a participant: the live connection is told its rights changed (4409); reconnected, it only reads.
    const reader = await connectAs(server, sheet, executive)
    const changed = nextClose(reader)
    const demoted = await api(server.url, 'PATCH', `/api/initiatives/${id}/members/${executive.userId}`, { as: backbone, body: { role: 'participant' } })
    expect(demoted.status).toBe(200)
    expect(await changed).toBe(CloseCode.PermissionsChanged)
    reader.provider.connect()
    await waitFor(() => reader.provider.synced, { what: 'the demoted member to reconnect' })
    writeCell(reader.doc, cell(other, '2024'), { value: 71 })
    await settle(reader)
    expect(reader.provider.wsconnected).toBe(true)
    expect(await serverCells(server, sheet)).toEqual([cellKey(cell(other, '2023')), cellKey(cell(own, '2023'))].sort())
    await reader.destroy()
  })
})
