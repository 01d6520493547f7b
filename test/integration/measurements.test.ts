// Measurements end to end: an indicator block in the agenda and values in the measurement sheet
// written by real y-websocket clients, checked by the shared implementation; approvals recorded by
// the server by role (a status written into the document forges nothing); a correction keeps the
// earlier approved value counting until it is decided; the report card against hand-checked
// numbers; who has not reported; the export; the CSV import (all rows or none, by role, dry run,
// idempotent); the published report card.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '@common-ground/protocol'
import {
  cellKey,
  importReportSchema,
  initiativeAnswer,
  measurementListAnswer,
  publicInitiativeAnswer,
  reportCardAnswer,
  reportingStatusAnswer,
  writeCell,
  type Measurement,
} from '@common-ground/domain'
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

  it('imports CSV files: all rows or none, by role, dry run, the same file twice writes nothing', async () => {
    const { server, backbone, executive, participant, id, partnerId, sheet } = await setup()
    const clinic = await createPartner(server.url, backbone, id, 'Clinic')
    const good = `\uFEFFindicator,period,partner,value,note\r\ni-ready000001,2023,${partnerId},55,first\r\ni-ready000001,2024,Clinic,60,\r\n`
    const bad = `indicator,period,partner,value\ni-ready000001,2023,${partnerId},55\ni-ready000001,2024,,120\ni-nothing,2024,,1\n`

    for (const as of [participant]) expect((await importCsv(server.url, as, id, good)).status).toBe(403)
    const wrongType = await api(server.url, 'POST', `/api/initiatives/${id}/measurements/import`, { as: backbone, body: { rows: [] } })
    expect([wrongType.status, wrongType.body.error.code]).toEqual([415, 'unsupported_media_type'])
    for (const file of ['', 'only one column\nx\n', 'name,age\nDana,5\n']) {
      const answer = await importCsv(server.url, backbone, id, file)
      expect([answer.status, answer.body.error.code]).toEqual([400, 'import_unreadable'])
    }
    expect((await importCsv(server.url, backbone, id, good, '?mapping=' + encodeURIComponent('{"value":"amount"}'))).body.error.code).toBe('import_unreadable')
    // The import has its own body limit (16 MB), not the API's 64 KB.
    const big = 'indicator,period,value\n' + 'i-nothing,2023,1\n'.repeat(5000)
    expect(big.length).toBeGreaterThan(64 * 1024)
    expect((await importCsv(server.url, backbone, id, big, '?dryRun=true')).body).toMatchObject({ rows: 5000, errorCount: 9999 })
    const huge = 'indicator,period,value,note\n' + `i-ready000001,2023,1,${'x'.repeat(1000)}\n`.repeat(17_000)
    expect((await importCsv(server.url, backbone, id, huge)).body.error.code).toBe('payload_too_large')

    // A bad row: 422 with the report row by row, nothing written.
    const rejected = await importCsv(server.url, backbone, id, bad)
    expect([rejected.status, rejected.body.error.code]).toEqual([422, 'import_rejected'])
    expect(importReportSchema.parse(rejected.body)).toMatchObject({
      rows: 3,
      imported: 0,
      errorCount: 2,
      errors: [
        { row: 2, field: 'value', code: 'out_of_range', value: '120' },
        { row: 3, field: 'indicator', code: 'invalid_choice', value: 'i-nothing' },
      ],
    })
    // A dry run checks and writes nothing.
    const dry = importReportSchema.parse((await importCsv(server.url, backbone, id, good, '?dryRun=true')).body)
    expect(dry).toMatchObject({ dryRun: true, rows: 2, imported: 0, created: 2, errorCount: 0 })
    expect(await measurements(server.url, backbone, id)).toEqual([])

    // A good file: one server write; the values reach the clients and the read model.
    const imported = await importCsv(server.url, backbone, id, good)
    expect(imported.status).toBe(200)
    expect(importReportSchema.parse(imported.body)).toMatchObject({ dryRun: false, rows: 2, imported: 2, created: 2, updated: 0, unchanged: 0 })
    const list = await measurements(server.url, backbone, id)
    expect(list.map((m) => [m.partnerId, m.period, m.value, m.workflow, m.definitionVersion])).toEqual([
      [partnerId, '2023', 55, 'submitted', 1],
      [clinic.id, '2024', 60, 'submitted', 1],
    ])
    expect(list[0]!.provenance.changedBy?.userId).toBe(backbone.userId)
    await waitFor(() => sheet.doc.getMap('cells').size === 2)
    // The same file again writes nothing.
    const seqBefore = list[0]!.provenance.seq
    const again = importReportSchema.parse((await importCsv(server.url, backbone, id, good)).body)
    expect(again).toMatchObject({ imported: 0, created: 0, updated: 0, unchanged: 2 })
    expect((await measurements(server.url, backbone, id)).map((m) => m.provenance.seq)).toEqual([seqBefore, seqBefore])

    // A partner executive imports their own partner's rows only.
    const other = await importCsv(server.url, executive, id, `indicator,period,partner,value\ni-ready000001,2025,${clinic.id},61\n`)
    expect([other.status, other.body.errors]).toEqual([422, [{ row: 1, field: 'partner', code: 'not_your_partner', value: clinic.id }]])
    expect((await importCsv(server.url, executive, id, 'indicator,period,value\ni-ready000001,2025,61\n', `?partnerId=${clinic.id}`)).status).toBe(403)
    const own = await importCsv(server.url, executive, id, 'indicator,period,value\ni-ready000001,2025,61\ni-ready000001,2023,56\n')
    expect(importReportSchema.parse(own.body)).toMatchObject({ imported: 2, created: 1, updated: 1 })
    const mine = await measurements(server.url, backbone, id, `?partnerId=${partnerId}`)
    expect(mine.map((m) => [m.period, m.value])).toEqual([
      ['2023', 56],
      ['2025', 61],
    ])
  })

  it('who has not reported: the owner partner and every reporter per period, overdue and due', async () => {
    const { server, backbone, id, partnerId, agendaClient, sheet } = await setup()
    const fragment = agendaClient.doc.getXmlFragment('default')
    // Nobody owns this monthly indicator: the initiative-wide row ('') is expected.
    fragment.insert(fragment.length, [block('indicatorBlock', { id: 'i-visits00001', name: 'Home visits', valueType: 'count', frequency: 'monthly' })])
    writeCell(sheet.doc, cell(partnerId, '2023'), { value: 55, status: 'submitted', definitionVersion: 1 })
    writeCell(sheet.doc, cell(partnerId, '2024'), { value: 57, status: 'draft', definitionVersion: 1 })
    await waitFor(async () => (await measurements(server.url, backbone, id)).length === 2)
    const get = async () => reportingStatusAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/reporting-status`, { as: backbone })).body)
    await waitFor(async () => (await get()).rows.some((r) => r.indicatorId === 'i-visits00001'))
    const status = await get()
    const ready = status.rows.filter((r) => r.indicatorId === 'i-ready000001')
    // Baseline 2022: one row per year since, for the owner; 2023 submitted, 2024 draft, 2025 (ended
    // more than 120 days before today, December 2026 or later) overdue.
    const year = new Date().getUTCFullYear()
    expect(ready.map((r) => r.period)).toEqual(Array.from({ length: year - 2023 }, (_, i) => String(2023 + i)))
    expect(new Set(ready.map((r) => r.partnerId))).toEqual(new Set([partnerId]))
    expect(ready.slice(0, 3).map((r) => r.state)).toEqual(['submitted', 'draft', 'overdue'])
    // The last month that ended is within its 31-day reporting lag: due, not yet overdue.
    const visits = status.rows.filter((r) => r.indicatorId === 'i-visits00001')
    expect(visits.at(-1)).toMatchObject({ partnerId: '', state: 'due' })
    const counts = status.partners.find((p) => p.partnerId === partnerId)!
    expect(counts).toMatchObject({ submitted: 1, draft: 1, approved: 0 })
    expect(counts.overdue).toBe(ready.filter((r) => r.state === 'overdue').length)
  })

  it('answers a poll for an unchanged list or card with 304, and the new version once something changed', async () => {
    const { server, backbone, executive, id, partnerId, sheet } = await setup()
    writeCell(sheet.doc, cell(partnerId, '2023'), { value: 55, status: 'submitted', definitionVersion: 1 })
    await waitFor(async () => (await measurements(server.url, executive, id)).length === 1)
    const path = `/api/initiatives/${id}/measurements`
    const first = await api(server.url, 'GET', path, { as: executive })
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/"/)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
    const again = await api(server.url, 'GET', path, { as: executive, headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.body).toBeNull()
    // Another filter is another answer.
    expect((await api(server.url, 'GET', `${path}?workflow=approved`, { as: executive, headers: { 'if-none-match': etag } })).status).toBe(200)

    const cardPath = `/api/initiatives/${id}/report-card`
    const card = await api(server.url, 'GET', cardPath, { as: backbone })
    const cardTag = card.headers.get('etag')!
    expect((await api(server.url, 'GET', cardPath, { as: backbone, headers: { 'if-none-match': cardTag } })).status).toBe(304)
    // Typing in the sheet changes the list, not the card.
    writeCell(sheet.doc, cell(partnerId, '2023'), { note: 'from the school census' })
    await waitFor(async () => (await api(server.url, 'GET', path, { as: executive, headers: { 'if-none-match': etag } })).status === 200)
    expect((await api(server.url, 'GET', cardPath, { as: backbone, headers: { 'if-none-match': cardTag } })).status).toBe(304)
    // An approval changes both.
    const [m] = await measurements(server.url, backbone, id)
    const decided = await api(server.url, 'POST', `/api/initiatives/${id}/measurements/approvals`, {
      as: backbone,
      body: { decisions: [{ key: m!.key, fingerprint: m!.fingerprint, decision: 'approve' }] },
    })
    expect(decided.status).toBe(200)
    const changed = await api(server.url, 'GET', cardPath, { as: backbone, headers: { 'if-none-match': cardTag } })
    expect(changed.status).toBe(200)
    // A partner's percentage is its own line (percentages do not add up to the initiative's).
    expect(reportCardAnswer.parse(changed.body).goals[0]!.indicators[0]!.byPartner).toEqual([{ partnerId, series: [{ period: '2023', value: 55 }] }])
    expect(changed.headers.get('etag')).not.toBe(cardTag)
  })

  it('publishes the report card: 404 for the public until the backbone publishes it, then anonymous 200', async () => {
    const { server, backbone, executive, id, partnerId, sheet } = await setup()
    writeCell(sheet.doc, cell(partnerId, '2023'), { value: 55, status: 'submitted', definitionVersion: 1 })
    const [m] = await waitForMeasurements(server.url, backbone, id, 1)
    await api(server.url, 'POST', `/api/initiatives/${id}/measurements/approvals`, {
      as: backbone,
      body: { decisions: [{ key: m!.key, fingerprint: m!.fingerprint, decision: 'approve' }] },
    })
    const publicCard = () => fetch(`${server.url}/api/public/initiatives/${id}/report-card`)
    expect((await publicCard()).status).toBe(404)
    expect((await fetch(`${server.url}/api/public/initiatives/nosuch0001/report-card`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/public/initiatives/${id}`)).status).toBe(404)

    const publish = (as: Account, published: boolean) =>
      api(server.url, 'PUT', `/api/initiatives/${id}/publication`, { as, body: { kind: 'reportCard', published } })
    expect((await publish(executive, true)).status).toBe(403)
    const published = await publish(backbone, true)
    expect(initiativeAnswer.parse(published.body).initiative.published).toEqual(['reportCard'])
    const answer = await publicCard()
    expect(answer.status).toBe(200)
    const card = reportCardAnswer.parse(await answer.json())
    expect(card.goals[0]!.indicators[0]!.byPartner).toEqual([{ partnerId, series: [{ period: '2023', value: 55 }] }])
    const page = publicInitiativeAnswer.parse(await (await fetch(`${server.url}/api/public/initiatives/${id}`)).json())
    expect(page).toMatchObject({ documents: [], reportCard: true })
    // The agenda document stays closed to the public: publishing the card publishes only the card.
    expect((await fetch(`${server.url}/api/access?document=${encodeURIComponent(`i/${id}/agenda`)}`)).status).toBe(404)

    await publish(backbone, false)
    expect((await publicCard()).status).toBe(404)
  })
})

async function importCsv(url: string, as: Account, id: string, csv: string, query = '') {
  const response = await fetch(`${url}/api/initiatives/${id}/measurements/import${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', cookie: as.cookie, 'x-csrf-token': as.csrfToken },
    body: csv,
  })
  const text = await response.text()
  return { status: response.status, body: JSON.parse(text) as any }
}

async function waitForMeasurements(url: string, as: Account, id: string, count: number): Promise<Measurement[]> {
  let list: Measurement[] = []
  await waitFor(async () => (list = await measurements(url, as, id)).length === count)
  return list
}
