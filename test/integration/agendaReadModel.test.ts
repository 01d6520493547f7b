// The agenda's read model: records derived from real y-websocket edits of the agenda document
// (blocks written the way TipTap stores node attributes), provenance, versioned indicator
// definitions, invalid blocks as records with issues, a restart (and a kill -9) rebuilding it,
// and endorsements by role.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { agendaAnswer, endorsementListAnswer, indicatorAnswer } from '@common-ground/domain'
import { addMember, api, createInitiative, createPartner, signUp, type Account } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced } from './helpers/clients.ts'
import { makeTempDir, spawnServerProcess, startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

function block(node: string, attrs: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement(node)
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string)
  return element
}

function findBlock(doc: Y.Doc, id: string): Y.XmlElement {
  const found = doc
    .getXmlFragment('default')
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === id)
  if (!found) throw new Error(`no block ${id}`)
  return found as Y.XmlElement
}

const headers = (as: Account) => ({ cookie: as.cookie })

async function setup(dataDir?: string) {
  const server = await startTestServer({ access: 'enforced', ...(dataDir ? { dataDir } : {}) })
  const backbone = await signUp(server.url, 'Backbone Person')
  const { id, agenda } = await createInitiative(server.url, backbone, 'Readiness for all')
  const partner = await createPartner(server.url, backbone, id, 'City schools')
  return { server, backbone, id, agenda, partnerId: partner.id }
}

const agendaOf = async (url: string, as: Account, id: string) => {
  const answer = await api(url, 'GET', `/api/initiatives/${id}/agenda`, { as })
  expect(answer.status).toBe(200)
  return agendaAnswer.parse(answer.body)
}

describe('the agenda read model', () => {
  it('derives goals, indicators and glossary terms with provenance; an invalid block is a record with its issues', async () => {
    const { server, backbone, id, agenda, partnerId } = await setup()
    const client = await connectSynced(server.syncUrl, agenda, { headers: headers(backbone) })
    const fragment = client.doc.getXmlFragment('default')
    fragment.insert(fragment.length, [
      block('goalBlock', { id: 'g-ready000001', statement: 'Every child starts school ready', population: 'Children aged 0–6', order: 1 }),
      block('indicatorBlock', {
        id: 'i-ready000001',
        name: 'Kindergarten readiness',
        valueType: 'percent',
        unit: '%',
        baseline: { value: 58, period: '2022' },
        targets: [{ period: '2026', value: 75 }],
        frequency: 'yearly',
        ownerPartnerId: partnerId,
      }),
      block('indicatorBlock', { id: 'i-broken00001', name: '', targets: [{ period: '2026', value: 'abc' }], ownerPartnerId: 'nobody' }),
      block('glossaryTerm', { id: 't-ready000001', term: 'school readiness', definition: 'Ready to learn in first grade.' }),
    ])
    await waitFor(async () => (await agendaOf(server.url, backbone, id)).indicators.length === 2)
    const answer = await agendaOf(server.url, backbone, id)
    expect(answer.goals.map((g) => g.statement)).toEqual(['Every child starts school ready'])
    const [good, broken] = answer.indicators
    expect(good).toMatchObject({ id: 'i-ready000001', goalId: 'g-ready000001', valueType: 'percent', version: 1, issues: [] })
    expect(good!.provenance).toMatchObject({ document: agenda, blockId: 'i-ready000001', changedBy: { userId: backbone.userId, name: 'Backbone Person' } })
    expect(broken!.issues).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'required' },
        { field: 'targets.0.value', code: 'not_a_number' },
        { field: 'ownerPartnerId', code: 'not_a_partner' },
      ]),
    )
    expect(answer.invalid).toBe(1)
    expect(answer.glossary[0]).toMatchObject({ term: 'school readiness', issues: [] })
    await client.destroy()
  })

  it('two clients editing one block at once converge into one record; a definition change makes a version', async () => {
    const { server, backbone, id, agenda } = await setup()
    const executive = await addMember(server.url, backbone, id, 'partner', (await createPartner(server.url, backbone, id, 'Clinic')).id)
    const a = await connectSynced(server.syncUrl, agenda, { headers: headers(backbone) })
    const fragment = a.doc.getXmlFragment('default')
    fragment.insert(fragment.length, [
      block('goalBlock', { id: 'g-health00001', statement: 'Healthy starts' }),
      block('indicatorBlock', { id: 'i-visits00001', name: 'Well-baby visits', valueType: 'count', frequency: 'quarterly' }),
    ])
    const b = await connectSynced(server.syncUrl, agenda, { headers: headers(executive) })
    await waitFor(() => b.doc.getXmlFragment('default').length === fragment.length)
    // Concurrent edits of the same block: different fields, and the same field.
    findBlock(a.doc, 'i-visits00001').setAttribute('unit', 'visits')
    findBlock(b.doc, 'i-visits00001').setAttribute('dataSource', 'Clinic records')
    findBlock(a.doc, 'i-visits00001').setAttribute('definition', 'from A')
    findBlock(b.doc, 'i-visits00001').setAttribute('definition', 'from B')
    await waitFor(() => findBlock(a.doc, 'i-visits00001').getAttribute('definition') === findBlock(b.doc, 'i-visits00001').getAttribute('definition'))
    const converged = findBlock(a.doc, 'i-visits00001').getAttribute('definition')
    await waitFor(async () => {
      const { indicators } = await agendaOf(server.url, backbone, id)
      return (
        indicators.length === 1 && indicators[0]!.unit === 'visits' && indicators[0]!.dataSource === 'Clinic records' && indicators[0]!.definition === converged
      )
    })

    // A unit change by another person: version 2, with what changed; version 1 is kept.
    findBlock(b.doc, 'i-visits00001').setAttribute('unit', 'visits per child')
    let detail = indicatorAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/indicators/i-visits00001`, { as: backbone })).body)
    await waitFor(async () => {
      detail = indicatorAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/indicators/i-visits00001`, { as: backbone })).body)
      return detail.indicator.unit === 'visits per child'
    })
    expect(detail.indicator.version).toBe(2)
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2])
    expect(detail.versions[1]!.changedFields).toContain('unit')
    expect(detail.versions[1]!.changedBy?.userId).toBe(executive.userId)
    expect(detail.versions[0]!.definition.unit).not.toBe('visits per child')
    expect(detail.indicator.provenance.changedBy?.userId).toBe(executive.userId)
    expect((await api(server.url, 'GET', `/api/initiatives/${id}/indicators/i-nothing0001`, { as: backbone })).body.error.code).toBe('indicator_not_found')

    const csv = await fetch(`${server.url}/api/initiatives/${id}/indicators/export?format=csv`, { headers: { cookie: backbone.cookie } })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the UTF-8 BOM spreadsheet programs need
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('Well-baby visits')
    await a.destroy()
    await b.destroy()
  })

  it('survives a restart with the same records, and a kill -9 in the middle of edits leaves no stale record', async () => {
    const dataDir = await makeTempDir()
    const { server, backbone, id, agenda } = await setup(dataDir)
    const client = await connectSynced(server.syncUrl, agenda, { headers: headers(backbone) })
    const fragment = client.doc.getXmlFragment('default')
    fragment.insert(fragment.length, [block('goalBlock', { id: 'g-persist0001', statement: 'Kept' })])
    await waitFor(async () => (await agendaOf(server.url, backbone, id)).goals.length === 1)
    await client.destroy()
    await server.stop()

    // The built server as its own process; edits arrive, then SIGKILL before the read model's debounced write.
    const proc = await spawnServerProcess(dataDir)
    const again = await connectSynced(proc.syncUrl, agenda, { headers: headers(backbone) })
    const f2 = again.doc.getXmlFragment('default')
    for (let i = 0; i < 5; i++) f2.insert(f2.length, [block('goalBlock', { id: `g-crash${String(i).padStart(5, '0')}`, statement: `Goal ${i}` })])
    await waitFor(async () => (await agendaOf(proc.url, backbone, id)).goals.length === 6)
    proc.proc.kill('SIGKILL')
    await proc.exited
    await again.destroy()

    const restarted = await startTestServer({ access: 'enforced', dataDir })
    const after = await agendaOf(restarted.url, backbone, id)
    expect(after.goals.map((g) => g.id).sort()).toEqual(['g-crash00000', 'g-crash00001', 'g-crash00002', 'g-crash00003', 'g-crash00004', 'g-persist0001'])
    expect(after.goals.find((g) => g.id === 'g-persist0001')!.provenance.changedBy?.userId).toBe(backbone.userId)
  })

  it('endorsements: partner executives only, of the current version; "changed since" after an edit', async () => {
    const { server, backbone, id, agenda, partnerId } = await setup()
    const executive = await addMember(server.url, backbone, id, 'partner', partnerId)
    const participant = await addMember(server.url, backbone, id, 'participant')
    const { version } = await agendaOf(server.url, backbone, id)
    expect(version).toBeGreaterThan(0)
    for (const as of [backbone, participant]) {
      const refused = await api(server.url, 'POST', `/api/initiatives/${id}/agenda/endorsements`, { as, body: { version } })
      expect(refused.status).toBe(403)
    }
    const stale = await api(server.url, 'POST', `/api/initiatives/${id}/agenda/endorsements`, { as: executive, body: { version: version - 1 } })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('agenda_changed')
    const endorsed = await api(server.url, 'POST', `/api/initiatives/${id}/agenda/endorsements`, { as: executive, body: { version } })
    expect(endorsed.status).toBe(201)
    expect(endorsementListAnswer.parse(endorsed.body).endorsements).toEqual([expect.objectContaining({ partnerId, version, current: true })])

    const client = await connectSynced(server.syncUrl, agenda, { headers: headers(backbone) })
    const fragment = client.doc.getXmlFragment('default')
    fragment.insert(fragment.length, [block('goalBlock', { id: 'g-later000001', statement: 'A later goal' })])
    await waitFor(async () => (await agendaOf(server.url, backbone, id)).version > version)
    const after = await agendaOf(server.url, executive, id)
    expect(after.endorsements).toEqual([expect.objectContaining({ partnerId, version, current: false })])
    await client.destroy()
  })
})
