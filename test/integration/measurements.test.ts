// Measurements end to end: an indicator block in the agenda and values in the measurement sheet
// written by real y-websocket clients, checked by the shared implementation; approvals recorded by
// the server by role (a status written into the document forges nothing); a correction keeps the
// earlier approved value counting until it is decided; the report card against hand-checked
// numbers; who has not reported; the export.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '@common-ground/protocol'
import { cellKey, measurementListAnswer, reportCardAnswer, reportingStatusAnswer, writeCell, type Measurement } from '@common-ground/domain'
import { addMember, api, createInitiative, createPartner, signUp, type Account } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

function block(node: string, attrs: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement(node)
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string)
  return element
}

async function setup() {
  const server = await startTestServer({ access: 'enforced' })
  const backbone = await signUp(server.url, 'Backbone Person')
  const { id, agenda } = await createInitiative(server.url, backbone, 'Readiness for all')
  const schools = await createPartner(server.url, backbone, id, 'City schools')
  const executive = await addMember(server.url, backbone, id, 'partner', schools.id)
  const participant = await addMember(server.url, backbone, id, 'participant')
  const agendaClient = await connectSynced(server.syncUrl, agenda, { headers: { cookie: backbone.cookie } })
  const fragment = agendaClient.doc.getXmlFragment('default')
  fragment.insert(fragment.length, [
    block('goalBlock', { id: 'g-ready000001', statement: 'Every child starts school ready' }),
    // Hand-checked below: baseline 50 (2022), target 70 (2026), higher is better.
    block('indicatorBlock', {
      id: 'i-ready000001',
      name: 'Kindergarten readiness',
      valueType: 'percent',
      baseline: { value: 50, period: '2022' },
      targets: [{ period: '2026', value: 70 }],
      frequency: 'yearly',
      ownerPartnerId: schools.id,
    }),
  ])
  const sheet = await connectSynced(server.syncUrl, `i/${id}/measurements`, { headers: { cookie: executive.cookie } })
  return { server, backbone, executive, participant, id, partnerId: schools.id, agendaClient, sheet }
}

const cell = (partnerId: string, period: string) => ({ indicatorId: 'i-ready000001', period, partnerId, dimension: '', category: '' })

async function measurements(url: string, as: Account, id: string, query = ''): Promise<Measurement[]> {
  const answer = await api(url, 'GET', `/api/initiatives/${id}/measurements${query}`, { as })
  expect(answer.status).toBe(200)
  return measurementListAnswer.parse(answer.body).measurements
}

describe('measurements', () => {
  it('approval by role, forged statuses, corrections and the report card', async () => {
    const { server, backbone, executive, participant, id, partnerId, sheet } = await setup()
    writeCell(sheet.doc, cell(partnerId, '2023'), { value: 55, status: 'submitted', definitionVersion: 1 })
    writeCell(sheet.doc, cell(partnerId, '2024'), { value: '60', status: 'submitted', definitionVersion: 1 })
    writeCell(sheet.doc, cell(partnerId, '2025'), { value: 'sixty', status: 'draft' })
    writeCell(sheet.doc, cell(partnerId, '2021'), { value: 61, status: 'approved' }) // forged: the document cannot approve
    let list: Measurement[] = []
    await waitFor(async () => (list = await measurements(server.url, executive, id)).length === 4)
    const byPeriod = (p: string) => list.find((m) => m.period === p)!
    expect(byPeriod('2023')).toMatchObject({ value: 55, workflow: 'submitted', issues: [] })
    expect(byPeriod('2023').provenance.changedBy?.userId).toBe(executive.userId)
    expect(byPeriod('2025').issues).toEqual([{ field: 'value', code: 'not_a_number' }])
    expect(byPeriod('2021').issues).toEqual([{ field: 'status', code: 'invalid_choice' }])
    expect(byPeriod('2021').workflow).toBe('draft')

    const decide = (as: Account, decisions: { key: string; fingerprint: string; decision: 'approve' | 'return'; comment?: string }[]) =>
      api(server.url, 'POST', `/api/initiatives/${id}/measurements/approvals`, { as, body: { decisions } })
    const approve = (m: Measurement) => ({ key: m.key, fingerprint: m.fingerprint, decision: 'approve' as const })
    for (const as of [executive, participant]) expect((await decide(as, [approve(byPeriod('2023'))])).status).toBe(403)
    expect((await decide(backbone, [approve(byPeriod('2025'))])).body.error.code).toBe('measurement_invalid')
    expect((await decide(backbone, [{ ...approve(byPeriod('2023')), fingerprint: '["stale"]' }])).body.error.code).toBe('measurement_changed')
    expect((await decide(backbone, [{ ...approve(byPeriod('2023')), key: cellKey(cell(partnerId, '1999')) }])).body.error.code).toBe('measurement_not_found')
    const decided = await decide(backbone, [approve(byPeriod('2023')), approve(byPeriod('2024'))])
    expect(decided.status).toBe(200)
    expect(decided.body.measurements.map((m: Measurement) => m.workflow)).toEqual(['approved', 'approved'])

    // A partner's percentages are not summed into the initiative-wide series (only counts and money
    // add up): they show by partner, and the initiative-wide value is the backbone's to report.
    let card = reportCardAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/report-card?asOf=2025-03-01`, { as: participant })).body)
    expect(card.goals[0]!.indicators[0]!.series).toEqual([])
    expect(card.goals[0]!.indicators[0]!.byPartner).toEqual([
      {
        partnerId,
        series: [
          { period: '2023', value: 55 },
          { period: '2024', value: 60 },
        ],
      },
    ])

    const backboneSheet = await connectSynced(server.syncUrl, `i/${id}/measurements`, { headers: { cookie: backbone.cookie } })
    writeCell(backboneSheet.doc, cell('', '2023'), { value: 55, status: 'submitted', definitionVersion: 1 })
    writeCell(backboneSheet.doc, cell('', '2024'), { value: 60, status: 'submitted', definitionVersion: 1 })
    await waitFor(async () => (await measurements(server.url, backbone, id, '?partnerId=')).length === 2)
    await decide(backbone, (await measurements(server.url, backbone, id, '?partnerId=')).map(approve))
    card = reportCardAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/report-card?asOf=2025-03-01`, { as: participant })).body)
    const readiness = card.goals[0]!.indicators[0]!
    // baseline 50 → latest 60 (2024), target 70 (2026): progress (60−50)/(70−50) = 0.5, +10 since baseline,
    // better than 55 before; the line through 50, 55, 60 (+5 a year) reaches 70 in 2026: on track.
    expect(readiness).toMatchObject({ latest: { period: '2024', value: 60 }, progress: 0.5, changeSinceBaseline: 10, trend: 'better', status: 'on_track' })
    expect(card.headline).toMatchObject({ total: 1, trendingRight: 1, onTrack: 1 })

    // A correction: the earlier approved value keeps counting until the correction is approved.
    writeCell(backboneSheet.doc, cell('', '2024'), { value: 58 })
    await waitFor(async () => (await measurements(server.url, backbone, id, '?partnerId=&period=2024'))[0]!.value === 58)
    const corrected = (await measurements(server.url, backbone, id, '?partnerId=&period=2024'))[0]!
    expect(corrected.workflow).toBe('submitted')
    card = reportCardAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/report-card?asOf=2025-03-01`, { as: participant })).body)
    expect(card.goals[0]!.indicators[0]!.latest).toEqual({ period: '2024', value: 60 })
    await decide(backbone, [approve(corrected)])
    card = reportCardAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/report-card?asOf=2025-03-01`, { as: participant })).body)
    expect(card.goals[0]!.indicators[0]!.latest).toEqual({ period: '2024', value: 58 })
    const history = await api(server.url, 'GET', `/api/initiatives/${id}/measurements/history?key=${encodeURIComponent(corrected.key)}`, { as: executive })
    expect(history.body.history.map((h: { value: number }) => h.value)).toEqual([60, 58])

    // Who has not reported, and the export.
    const status = reportingStatusAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/reporting-status`, { as: backbone })).body)
    expect(status.rows.find((r) => r.partnerId === partnerId && r.period === '2023')?.state).toBe('approved')
    expect(status.partners.find((p) => p.partnerId === partnerId)!.approved).toBe(2)
    const csv = await fetch(`${server.url}/api/initiatives/${id}/measurements/export?format=csv`, { headers: { cookie: participant.cookie } })
    expect(await csv.text()).toContain('i-ready000001,2024,,,,58,')
    await backboneSheet.destroy()
  })

  it("a partner executive writes only their own partner's cells: any other closes the connection with ForbiddenWrite and is not applied", async () => {
    const { server, backbone, executive, id, partnerId, sheet } = await setup()
    const other = await createPartner(server.url, backbone, id, 'Clinic')
    writeCell(sheet.doc, cell(partnerId, '2023'), { value: 55 })
    await waitFor(async () => (await measurements(server.url, backbone, id)).length === 1)
    const closed = new Promise<number>((resolve) => sheet.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code)))
    writeCell(sheet.doc, cell(other.id, '2023'), { value: 99 })
    expect(await closed).toBe(CloseCode.ForbiddenWrite)
    const fresh = await connectSynced(server.syncUrl, `i/${id}/measurements`, { headers: { cookie: backbone.cookie } })
    expect(fresh.doc.getMap('cells').has(cellKey(cell(other.id, '2023')))).toBe(false)
    expect(fresh.doc.getMap('cells').has(cellKey(cell(partnerId, '2023')))).toBe(true)
    // The backbone writes any cell.
    writeCell(fresh.doc, cell(other.id, '2023'), { value: 12 })
    await waitFor(async () => (await measurements(server.url, backbone, id)).length === 2)
    expect(executive.userId).toBeTruthy()
    await fresh.destroy()
  })
})
