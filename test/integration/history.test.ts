// Document history against the real server (port 0, real temp data directories, real
// y-websocket clients): versions attributed to the people who edited (two at once), automatic
// versions after a 5-minute pause (the clock is moved with Date.now), named versions, compare,
// restore while another client is connected and while one is offline (its offline edits land on
// top of the restore), versions and compares after compaction and after a restart, rights by role.
import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { changesAnswer, compareAnswer, restoreAnswer, seenAnswer, versionAnswer, versionListAnswer } from '@common-ground/domain'
import { addMember, api, createInitiative, createPartner, signUp, type Account } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced, type Client } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

/** Moves the server's clock (log record times) forward; the test and the server share the process. */
function movableClock() {
  const real = Date.now.bind(Date)
  let offset = 0
  vi.spyOn(Date, 'now').mockImplementation(() => real() + offset)
  return { advance: (ms: number) => (offset += ms) }
}
afterEach(() => vi.restoreAllMocks())

const MIN = 60_000

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  return p
}
const append = (client: Client, text: string) => {
  const f = client.doc.getXmlFragment('default')
  f.insert(f.length, [paragraph(text)])
}
const xml = (client: Client) => client.doc.getXmlFragment('default').toString()
const headers = (as: Account) => ({ cookie: as.cookie })

async function setup(dataDir?: string) {
  const server = await startTestServer({ access: 'enforced', ...(dataDir ? { dataDir } : {}) })
  const backbone = await signUp(server.url, 'Backbone Person')
  const { id, agenda } = await createInitiative(server.url, backbone, 'History initiative')
  const partner = await createPartner(server.url, backbone, id, 'City schools')
  const other = await createPartner(server.url, backbone, id, 'Health clinic')
  const executive = await addMember(server.url, backbone, id, 'partner', partner.id)
  const participant = await addMember(server.url, backbone, id, 'participant')
  const outsider = await signUp(server.url, 'Outsider Person')
  const h = `/api/initiatives/${id}/history`
  const versions = async (as: Account, document = agenda, query = '') => {
    const answer = await api(server.url, 'GET', `${h}/versions?document=${encodeURIComponent(document)}${query}`, { as })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return versionListAnswer.parse(answer.body)
  }
  const compare = async (as: Account, from: number, to?: number, document = agenda) => {
    const answer = await api(server.url, 'GET', `${h}/compare?document=${encodeURIComponent(document)}&from=${from}${to === undefined ? '' : `&to=${to}`}`, {
      as,
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return compareAnswer.parse(answer.body)
  }
  const name = async (as: Account, label: string, document = agenda) => {
    const answer = await api(server.url, 'POST', `${h}/versions`, { as, body: { document, name: label } })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    return versionAnswer.parse(answer.body).version
  }
  const restore = (as: Account, version: number, document = agenda) => api(server.url, 'POST', `${h}/restore`, { as, body: { document, version } })
  return { server, backbone, executive, participant, outsider, id, agenda, partner, other, h, versions, compare, name, restore }
}

/** Waits until the version index has seen every update the document has (the last one is in the newest version). */
async function settledVersions(w: Awaited<ReturnType<typeof setup>>, count: number) {
  return waitFor(
    async () => {
      const list = await w.versions(w.backbone)
      return list.versions.length === count ? list : null
    },
    { what: `${count} versions` },
  )
}

describe('document history', () => {
  it('attributes the versions of two people editing at once; a 5-minute pause makes a version; named versions', async () => {
    const clock = movableClock()
    const w = await setup()
    const initial = await w.versions(w.backbone)
    expect(initial.versions).toHaveLength(1)
    const start = initial.versions[0]!
    expect(start.authors.map((a) => a.name)).toEqual(['Backbone Person'])

    clock.advance(6 * MIN)
    const a = await connectSynced(w.server.syncUrl, w.agenda, { headers: headers(w.backbone) })
    const b = await connectSynced(w.server.syncUrl, w.agenda, { headers: headers(w.executive) })
    append(a, 'The backbone writes this.')
    append(b, 'The partner writes that.')
    await waitFor(() => xml(a) === xml(b) && xml(a).includes('backbone writes') && xml(a).includes('partner writes'), { what: 'both edits on both clients' })
    const list = await settledVersions(w, 2)
    const both = list.versions[0]!
    expect(both.current).toBe(true)
    expect(both.fromSeq).toBe(start.seq + 1)
    expect(both.authors.map((x) => x.name).sort()).toEqual(['Backbone Person', 'partner person'])

    const diff = await w.compare(w.backbone, start.seq)
    expect(diff.to).toBe(list.latestSeq)
    const inserted = diff.text!.filter((r) => r.op === 'insert' && r.block === undefined)
    expect(inserted.map((r) => [r.text, r.author?.name]).sort()).toEqual([
      ['The backbone writes this.', 'Backbone Person'],
      ['The partner writes that.', 'partner person'],
    ])
    expect(diff.authors.map((x) => x.name).sort()).toEqual(['Backbone Person', 'partner person'])
    expect(diff.stats.deleted).toBe(0)

    // A pause of more than 5 minutes: the next edit is a new version.
    clock.advance(6 * MIN)
    append(b, 'After the pause.')
    await settledVersions(w, 3)
    const named = await w.name(w.executive, 'Agreed at the 12 March meeting')
    expect(named.names.map((n) => [n.name, n.createdBy?.name])).toEqual([['Agreed at the 12 March meeting', 'partner person']])
    expect(named.current).toBe(false)
    // The next edit, however soon, starts a new version.
    append(a, 'Right after the meeting.')
    const after = await settledVersions(w, 4)
    expect(after.versions[1]!.seq).toBe(named.seq)

    const onlyNamed = await w.versions(w.participant, w.agenda, '&named=true')
    expect(onlyNamed.versions.map((v) => v.seq)).toEqual([named.seq])
    const byPartner = await w.versions(w.backbone, w.agenda, `&person=${w.executive.userId}`)
    expect(byPartner.versions.map((v) => v.seq)).toEqual([named.seq, both.seq])
    const until = new Date(Date.now() - 3 * MIN).toISOString()
    expect((await w.versions(w.backbone, w.agenda, `&until=${until}`)).versions.map((v) => v.seq)).toEqual([both.seq, start.seq])
    // The audit log has the name.
    const audit = await api(w.server.url, 'GET', `/api/initiatives/${w.id}/audit`, { as: w.backbone })
    expect(
      audit.body.entries.some(
        (e: { action: string; details: { version: number } }) => e.action === 'document.version_named' && e.details.version === named.seq,
      ),
    ).toBe(true)
    await a.destroy()
    await b.destroy()
  })

  it('restores a version as a new change: a connected client converges, an offline one keeps its edits on top', async () => {
    const w = await setup()
    const a = await connectSynced(w.server.syncUrl, w.agenda, { headers: headers(w.backbone) })
    append(a, 'Kept paragraph')
    await waitFor(async () => (await w.versions(w.backbone)).latestSeq > 1, { what: 'the edit indexed' })
    const version = await w.name(w.backbone, 'Before the meeting')
    const atVersion = xml(a)

    const b = await connectSynced(w.server.syncUrl, w.agenda, { headers: headers(w.executive) })
    append(a, 'Added later')
    const kept = () =>
      b.doc
        .getXmlFragment('default')
        .toArray()
        .find((n) => n instanceof Y.XmlElement && n.toString().includes('Kept paragraph')) as Y.XmlElement
    await waitFor(() => xml(b).includes('Added later'), { what: 'b synced' })
    const laterSeq = await waitFor(async () => {
      const list = await w.versions(w.backbone)
      return list.versions[0]!.seq > version.seq ? list.versions[0]!.seq : null
    })
    // b goes offline and edits inside the kept paragraph and at the end.
    b.provider.disconnect()
    ;(kept().get(0) as Y.XmlText).insert(4, ' (offline)')
    append(b, 'Offline block')

    const answer = await w.restore(w.backbone, version.seq)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    const restored = restoreAnswer.parse(answer.body)
    expect(restored.version).toMatchObject({ restoredFrom: version.seq })
    await waitFor(() => xml(a) === atVersion, { what: 'the connected client at the restored content' })

    b.provider.connect()
    await waitFor(() => xml(a) === xml(b) && xml(a).includes('Offline block'), { what: 'the offline client converged' })
    expect(xml(a)).not.toContain('Added later')
    expect(xml(a)).toContain('Kept (offline) paragraph')

    // Nothing was lost from history: the later version is still there and still compares.
    const list = await w.versions(w.backbone)
    expect(list.versions.map((v) => v.seq)).toContain(laterSeq)
    expect(list.versions.find((v) => v.seq === restored.version!.seq)?.restoredFrom).toBe(version.seq)
    const later = await w.compare(w.backbone, version.seq, laterSeq)
    expect(
      later
        .text!.filter((r) => r.op === 'insert')
        .map((r) => r.text)
        .join(''),
    ).toContain('Added later')
    const undo = await w.compare(w.backbone, laterSeq, restored.version!.seq)
    expect(undo.text!.filter((r) => r.op === 'delete' && r.block === undefined).map((r) => [r.text, r.author?.name])).toEqual([
      ['Added later', 'Backbone Person'],
    ])
    // A restore of the current content changes nothing.
    const again = restoreAnswer.parse((await w.restore(w.backbone, list.latestSeq)).body)
    expect(again.version).toBeNull()
    const audit = await api(w.server.url, 'GET', `/api/initiatives/${w.id}/audit`, { as: w.backbone })
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'document.restored')).toHaveLength(2)
    await a.destroy()
    await b.destroy()
  })

  it('keeps versions, names and compares across compaction and a restart; structured changes of the agenda', async () => {
    const clock = movableClock()
    const w = await setup()
    const dataDir = w.server.dataDir
    const a = await connectSynced(w.server.syncUrl, w.agenda, { headers: headers(w.backbone) })
    const goal = new Y.XmlElement('goalBlock')
    goal.setAttribute('id', 'g-hist0000001')
    goal.setAttribute('statement', 'Every child reads')
    a.doc.getXmlFragment('default').insert(a.doc.getXmlFragment('default').length, [goal])
    await waitFor(async () => (await w.versions(w.backbone)).latestSeq > 1)
    const first = await w.name(w.backbone, 'Goal drafted')
    clock.advance(6 * MIN)
    goal.setAttribute('statement', 'Every child reads by grade 3')
    for (let i = 0; i < 30; i++) append(a, `line ${i}`)
    await waitFor(async () => (await w.versions(w.backbone)).latestSeq > first.seq + 30, { what: 'the edits indexed' })
    await a.destroy() // the last client leaves: the room compacts
    await waitFor(() => !w.server.rooms.get(w.agenda), { what: 'the agenda compacted and unloaded' })
    const before = await w.versions(w.backbone)
    const diff = await w.compare(w.participant, first.seq)
    expect(diff.changes).toEqual([
      {
        kind: 'goal',
        id: 'g-hist0000001',
        change: 'changed',
        label: 'Every child reads by grade 3',
        fields: [{ field: 'statement', old: 'Every child reads', new: 'Every child reads by grade 3' }],
      },
    ])
    expect(diff.text!.filter((r) => r.op === 'insert' && r.block === undefined).map((r) => r.text)).toHaveLength(30)

    await w.server.stop()
    // The version index is a cache: without its file and checkpoints it is rebuilt from the log and the marks.
    const indexDir = path.join(dataDir, 'history', encodeURIComponent(w.agenda))
    expect(readdirSync(indexDir)).toEqual(expect.arrayContaining(['index.json', 'marks.jsonl', `cp-${first.seq}.bin`]))
    for (const file of readdirSync(indexDir)) if (file !== 'marks.jsonl') rmSync(path.join(indexDir, file))
    const again = await startTestServer({ access: 'enforced', dataDir })
    const list = await api(again.url, 'GET', `${w.h}/versions?document=${encodeURIComponent(w.agenda)}`, { as: w.backbone })
    expect(list.status).toBe(200)
    expect(versionListAnswer.parse(list.body)).toEqual(before)
    const after = await api(again.url, 'GET', `${w.h}/compare?document=${encodeURIComponent(w.agenda)}&from=${first.seq}`, { as: w.backbone })
    expect(compareAnswer.parse(after.body)).toEqual(diff)
    // The restore after the restart brings the drafted goal back.
    const restored = await api(again.url, 'POST', `${w.h}/restore`, { as: w.backbone, body: { document: w.agenda, version: first.seq } })
    expect(restored.status).toBe(200)
    const reader = await connectSynced(again.syncUrl, w.agenda, { headers: headers(w.participant) })
    const goalNow = reader.doc
      .getXmlFragment('default')
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.nodeName === 'goalBlock') as Y.XmlElement
    expect(goalNow.getAttribute('statement')).toBe('Every child reads')
    expect(xml(reader)).not.toContain('line 0')
    await reader.destroy()
  })

  it('what changed since my last visit: per person, by whom, a digest; marked as seen when opened; restart keeps the marks', async () => {
    let w = await setup()
    const dataDir = w.server.dataDir
    const changes = async (as: Account) => {
      const answer = await api(w.server.url, 'GET', `${w.h}/changes`, { as })
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      return changesAnswer.parse(answer.body)
    }
    const seen = async (as: Account, document: string) => {
      const answer = await api(w.server.url, 'POST', `${w.h}/seen`, { as, body: { document } })
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      return seenAnswer.parse(answer.body)
    }
    const agendaOf = (list: Awaited<ReturnType<typeof changes>>) => list.documents.find((d) => d.document === w.agenda)!

    // Never opened: new to the participant, with everyone who wrote it; every readable document is listed.
    const first = await changes(w.participant)
    expect(first.documents.map((d) => d.kind).sort()).toEqual(['activities', 'agenda', 'measurements', 'partner', 'partner'])
    expect(agendaOf(first).status).toBe('new')
    expect(agendaOf(first).authors.map((a) => a.name)).toEqual(['Backbone Person'])
    const mark = await seen(w.participant, w.agenda)
    expect(mark.seq).toBe(agendaOf(first).latestSeq)
    expect(agendaOf(await changes(w.participant)).status).toBe('unchanged')

    // The backbone and the partner write; the participant sees both, with a digest.
    const a = await connectSynced(w.server.syncUrl, w.agenda, { headers: headers(w.backbone) })
    const b = await connectSynced(w.server.syncUrl, w.agenda, { headers: headers(w.executive) })
    append(a, 'A new shared goal for reading.')
    append(b, 'The schools will report every term.')
    await waitFor(async () => agendaOf(await changes(w.participant)).authors.length === 2, { what: 'both authors in the changes' })
    const changed = agendaOf(await changes(w.participant))
    expect(changed.status).toBe('changed')
    expect(changed.seenSeq).toBe(mark.seq)
    expect(changed.authors.map((x) => x.name).sort()).toEqual(['Backbone Person', 'partner person'])
    expect(changed.versions).toBeGreaterThanOrEqual(1)
    expect(changed.digest!.inserted).toBeGreaterThan(40)
    expect(changed.digest!.excerpts.map((e) => [e.op, e.text, e.author?.name]).sort()).toEqual([
      ['insert', 'A new shared goal for reading.', 'Backbone Person'],
      ['insert', 'The schools will report every term.', 'partner person'],
    ])
    // Changed documents come first.
    expect((await changes(w.participant)).documents[0]!.document).toBe(w.agenda)

    // The backbone's own edits are not news to the backbone once it has seen the document.
    await seen(w.backbone, w.agenda)
    append(a, 'The backbone adds one more line.')
    await waitFor(async () => agendaOf(await changes(w.participant)).digest?.excerpts.some((e) => e.text.includes('one more line')) === true, {
      what: 'the third line in the digest',
    })
    const mine = agendaOf(await changes(w.backbone))
    expect(mine.status).toBe('unchanged')
    expect(mine.authors).toEqual([])

    // Opened again: seen; the marks survive a restart.
    await seen(w.participant, w.agenda)
    expect(agendaOf(await changes(w.participant)).status).toBe('unchanged')
    await a.destroy()
    await b.destroy()
    await w.server.stop()
    const again = await startTestServer({ access: 'enforced', dataDir })
    w = { ...w, server: again }
    const login = await api(again.url, 'GET', `${w.h}/changes`, { as: w.participant })
    expect(login.status).toBe(200)
    expect(agendaOf(changesAnswer.parse(login.body)).status).toBe('unchanged')

    // Rights: an outsider sees nothing; a document of another initiative cannot be marked.
    expect((await api(again.url, 'GET', `${w.h}/changes`, { as: w.outsider })).status).toBe(404)
    const wrong = await api(again.url, 'POST', `${w.h}/seen`, { as: w.participant, body: { document: 'i/elsewhere/agenda' } })
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'document_not_found'])
    const invalid = await api(again.url, 'POST', `${w.h}/seen`, { as: w.participant, body: {} })
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'validation_failed'])
  })

  it('an endorsement of the agenda ends its version, which lists the endorsement; the next edit starts a new one', async () => {
    const w = await setup()
    const a = await connectSynced(w.server.syncUrl, w.agenda, { headers: headers(w.backbone) })
    append(a, 'The agenda the partners endorse.')
    await waitFor(async () => (await w.versions(w.backbone)).latestSeq > 1, { what: 'the edit indexed' })
    const current = await api(w.server.url, 'GET', `/api/initiatives/${w.id}/agenda/endorsements`, { as: w.executive })
    const version = current.body.version as number
    await waitFor(async () => (await w.versions(w.backbone)).latestSeq === version, { what: 'the read model and the index at the same seq' })
    const endorsed = await api(w.server.url, 'POST', `/api/initiatives/${w.id}/agenda/endorsements`, { as: w.executive, body: { version } })
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(201)
    const list = await waitFor(
      async () => {
        const l = await w.versions(w.participant)
        return l.versions[0]!.endorsements.length > 0 ? l : null
      },
      { what: 'the endorsement on the version' },
    )
    expect(list.versions[0]!.seq).toBe(version)
    expect(list.versions[0]!.endorsements.map((e) => [e.partnerId, e.by?.name])).toEqual([[w.partner.id, 'partner person']])
    append(a, 'Written after the endorsement.')
    const after = await settledVersions(w, list.versions.length + 1)
    expect(after.versions[1]!.seq).toBe(version)
    expect(after.versions[0]!.endorsements).toEqual([])
    await a.destroy()
  })

  it('rights: members read history, editors name and restore, the sheet and other partners’ pages are not the executive’s to restore', async () => {
    const w = await setup()
    const code = (answer: { body: { error?: { code: string } } }) => answer.body.error?.code
    const versions = (as: Account, document: string) => api(w.server.url, 'GET', `${w.h}/versions?document=${encodeURIComponent(document)}`, { as })
    expect((await versions(w.participant, w.agenda)).status).toBe(200)
    expect((await versions(w.outsider, w.agenda)).status).toBe(404)
    expect(code(await versions(w.backbone, `i/${w.id}/partners/p-nosuch000001`))).toBe('document_not_found')
    expect(code(await versions(w.backbone, 'i/another00001/agenda'))).toBe('document_not_found')
    expect(code(await api(w.server.url, 'GET', `${w.h}/versions`, { as: w.backbone }))).toBe('validation_failed')
    const start = (await w.versions(w.backbone)).latestSeq
    const participantRestore = await w.restore(w.participant, start)
    expect([participantRestore.status, code(participantRestore)]).toEqual([403, 'forbidden'])
    expect((await w.restore(w.outsider, start)).status).toBe(404)
    expect(code(await w.restore(w.backbone, start + 1000))).toBe('version_not_found')
    // The executive edits their own partner's page, not the other one's, and the sheet only row by row.
    const own = `i/${w.id}/partners/${w.partner.id}`
    const other = `i/${w.id}/partners/${w.other.id}`
    const sheet = `i/${w.id}/measurements`
    const ownStart = (await w.versions(w.backbone, own)).latestSeq
    expect((await w.restore(w.executive, ownStart, own)).status).toBe(200)
    expect((await w.restore(w.executive, (await w.versions(w.backbone, other)).latestSeq, other)).status).toBe(403)
    expect((await w.restore(w.executive, 0, sheet)).status).toBe(403)
    expect((await w.restore(w.backbone, 0, sheet)).status).toBe(200)
    const namePage = await api(w.server.url, 'POST', `${w.h}/versions`, { as: w.executive, body: { document: other, name: 'Not mine' } })
    expect(namePage.status).toBe(403)
    const empty = await api(w.server.url, 'POST', `${w.h}/versions`, { as: w.backbone, body: { document: sheet, name: 'Empty sheet' } })
    expect([empty.status, code(empty)]).toEqual([409, 'document_empty'])
    const reversed = await api(w.server.url, 'GET', `${w.h}/compare?document=${encodeURIComponent(w.agenda)}&from=${start}&to=0`, { as: w.backbone })
    expect(code(reversed)).toBe('versions_reversed')
  })
})
