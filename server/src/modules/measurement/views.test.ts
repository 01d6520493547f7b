// The measurement views against hand-checked numbers: workflow states from the server's
// approvals (a status written into the sheet forges nothing), the report card from approved
// values only (partners' counts summed, percentages not), a correction that keeps its earlier
// approved value counting until it is decided, disaggregations, headlines and the cache.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  agendaDocumentName,
  cellKey,
  measurementsDocumentName,
  reportCardAnswer,
  type AgendaReadState,
  type IndicatorRecordView,
  type Measurement,
} from '@common-ground/domain'
import type { DerivedDocument, ReadModelReader } from '../../derivation/types.ts'
import { ApprovalStore } from './ApprovalStore.ts'
import type { SheetState } from './sheetDeriver.ts'
import { MeasurementViews } from './views.ts'

const ID = 'init000001'
const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

function indicator(fields: Partial<IndicatorRecordView> & { id: string }): IndicatorRecordView {
  return {
    goalId: 'g-1',
    name: fields.id,
    definition: '',
    valueType: 'count',
    unit: '',
    rateBase: null,
    polarity: 'higher_is_better',
    baseline: null,
    targets: [],
    frequency: 'yearly',
    dataSource: '',
    ownerPartnerId: null,
    disaggregations: [],
    minChange: null,
    blockId: fields.id,
    position: 0,
    version: 1,
    issues: [],
    provenance: { document: agendaDocumentName(ID), blockId: fields.id, changedAt: '2025-01-01T00:00:00.000Z', changedBy: null, seq: 1 },
    ...fields,
  }
}

/** A read model holding one agenda and one sheet (what the derivers would have put there). */
class Model implements ReadModelReader {
  private readonly entries = new Map<string, DerivedDocument>()
  put<S>(name: string, seq: number, state: S): void {
    this.entries.set(name, { name, kind: name.endsWith('agenda') ? 'agenda' : 'measurements', version: 1, seq, state })
  }
  get<S>(name: string): DerivedDocument<S> | undefined {
    return this.entries.get(name) as DerivedDocument<S> | undefined
  }
  subscribe(): () => void {
    return () => {}
  }
  async settled(): Promise<void> {}
}

const at = (indicatorId: string, period: string, partnerId = '', dimension = '', category = '') =>
  cellKey({ indicatorId, period, partnerId, dimension, category })

function sheet(cells: Record<string, Record<string, unknown>>): SheetState {
  const state: SheetState = { cells: {} }
  for (const [key, raw] of Object.entries(cells)) {
    state.cells[key] = {
      raw,
      provenance: { document: measurementsDocumentName(ID), blockId: key, changedAt: '2025-01-02T00:00:00.000Z', changedBy: null, seq: 1 },
    }
  }
  return state
}

async function setup() {
  const dir = await mkdtemp(path.join(tmpdir(), 'cg-views-'))
  dirs.push(dir)
  const approvals = await ApprovalStore.open(path.join(dir, 'approvals.jsonl'))
  const model = new Model()
  const views = new MeasurementViews({ readModel: model, approvals, partnerIds: () => ['pA', 'pB'] })
  const agenda: AgendaReadState = {
    goals: [
      {
        id: 'g-1',
        statement: 'Every child thrives',
        population: '',
        order: null,
        blockId: 'g-1',
        position: 0,
        issues: [],
        provenance: indicator({ id: 'x' }).provenance,
      },
    ],
    indicators: [
      // Enrolled children (count): baseline 100 (2022), target 200 (2026).
      indicator({ id: 'i-enrolled', baseline: { value: 100, period: '2022' }, targets: [{ period: '2026', value: 200 }] }),
      // Chronic absence (percent, lower is better): baseline 20 (2022), target 10 (2025); by age.
      indicator({
        id: 'i-absence',
        valueType: 'percent',
        polarity: 'lower_is_better',
        baseline: { value: 20, period: '2022' },
        targets: [{ period: '2025', value: 10 }],
        disaggregations: [{ dimension: 'age', categories: ['0-5', '6-12'] }],
      }),
      // A block with issues and no data.
      indicator({ id: 'i-broken', goalId: null, issues: [{ field: 'name', code: 'required' }] }),
    ],
    glossary: [],
    versions: {},
    updatedAt: null,
  }
  model.put(agendaDocumentName(ID), 1, agenda)
  const approve = async (list: Measurement[], decision: 'approve' | 'return' = 'approve') => {
    await approvals.append(
      list.map((m) => ({
        initiativeId: ID,
        key: m.key,
        fingerprint: m.fingerprint,
        value: m.value,
        definitionVersion: m.definitionVersion,
        decision,
        comment: '',
        decidedAt: '2025-02-01T00:00:00.000Z',
        decidedBy: { userId: 'u-backbone', name: 'Backbone' },
      })),
    )
  }
  return { approvals, model, views, approve }
}

const ASOF = Date.parse('2025-03-01T00:00:00Z')

describe('MeasurementViews', () => {
  it('computes the report card from approved values only, by hand', async () => {
    const { model, views, approve } = await setup()
    const cells = {
      [at('i-enrolled', '2023', 'pA')]: { value: 70, status: 'submitted', definitionVersion: 1 },
      [at('i-enrolled', '2023', 'pB')]: { value: 50, status: 'submitted', definitionVersion: 1 },
      [at('i-enrolled', '2024', 'pA')]: { value: 80, status: 'submitted', definitionVersion: 1 },
      [at('i-enrolled', '2024', 'pB')]: { value: 60, status: 'submitted', definitionVersion: 1 },
      [at('i-enrolled', '2025', 'pA')]: { value: 999, status: 'submitted', definitionVersion: 1 }, // never approved
      [at('i-enrolled', '2021', 'pA')]: { value: 5000, status: 'approved' }, // forged in the document
      [at('i-absence', '2023')]: { value: 18, status: 'submitted', definitionVersion: 1 },
      [at('i-absence', '2024')]: { value: 19, status: 'submitted', definitionVersion: 1 },
      [at('i-absence', '2024', 'pA')]: { value: 40, status: 'submitted', definitionVersion: 1 },
      [at('i-absence', '2024', '', 'age', '0-5')]: { value: 25, status: 'submitted', definitionVersion: 1 },
    }
    model.put(measurementsDocumentName(ID), 1, sheet(cells))
    const list = views.measurements(ID)
    expect(list.find((m) => m.key === at('i-enrolled', '2021', 'pA'))).toMatchObject({
      workflow: 'draft',
      issues: [{ field: 'status', code: 'invalid_choice' }],
    })
    await approve(list.filter((m) => m.issues.length === 0 && m.period !== '2025'))
    expect(views.measurements(ID).filter((m) => m.workflow === 'approved')).toHaveLength(8)

    let card = reportCardAnswer.parse(views.reportCard(ID, ASOF))
    const [enrolled, absence] = card.goals[0]!.indicators
    // Enrolled (count, partners add up): 2023 = 70 + 50 = 120, 2024 = 80 + 60 = 140 (the 999 of 2025
    // and the forged 5000 are not approved). Progress (140 − 100) / (200 − 100) = 0.4; +40 since the
    // baseline; better than 120. The line through 100, 120, 140 (+20 a year) reaches 180 in 2026:
    // short of 200, but (180 − 100) / (200 − 100) = 0.8 ≥ 0.75 of the way → at risk.
    expect(enrolled!.series).toEqual([
      { period: '2023', value: 120 },
      { period: '2024', value: 140 },
    ])
    expect(enrolled).toMatchObject({ latest: { period: '2024', value: 140 }, previous: { period: '2023', value: 120 }, progress: 0.4, changeSinceBaseline: 40 })
    expect(enrolled).toMatchObject({ trend: 'better', status: 'at_risk', freshness: 'current', valid: true })
    expect(enrolled!.projection!.value).toBeCloseTo(180, 0)
    expect(enrolled!.byPartner).toEqual([
      {
        partnerId: 'pA',
        series: [
          { period: '2023', value: 70 },
          { period: '2024', value: 80 },
        ],
      },
      {
        partnerId: 'pB',
        series: [
          { period: '2023', value: 50 },
          { period: '2024', value: 60 },
        ],
      },
    ])
    // Absence (percent, lower is better; the partner's 40 % is not part of the initiative-wide
    // series): 18 → 19 is worse; progress (19 − 20) / (10 − 20) = 0.1; −1 since the baseline. The
    // line through 20, 18, 19 falls 0.5 a year: 19 − 0.5 × 2 = 18 in 2025, (18 − 20) / (10 − 20) =
    // 0.2 of the way → off track.
    expect(absence).toMatchObject({ latest: { period: '2024', value: 19 }, progress: 0.1, changeSinceBaseline: -1, trend: 'worse', status: 'off_track' })
    expect(absence!.progress).toBeCloseTo(0.1, 10)
    expect(absence!.projection!.value).toBeCloseTo(18, 0)
    expect(absence!.disaggregated).toEqual([
      {
        dimension: 'age',
        categories: [
          { category: '0-5', series: [{ period: '2024', value: 25 }] },
          { category: '6-12', series: [] },
        ],
      },
    ])
    // The goal's headline: 1 of 2 trending the right way, 0 of 2 on track; the broken block is
    // unassigned, shown as not valid, without figures.
    expect(card.goals[0]!.headline).toEqual({ total: 2, trendingRight: 1, withTrend: 2, onTrack: 0, withStatus: 2 })
    expect(card.unassigned).toHaveLength(1)
    expect(card.unassigned[0]).toMatchObject({ id: 'i-broken', valid: false, status: 'unknown', freshness: 'missing', latest: null })
    expect(card.headline).toEqual({ total: 3, trendingRight: 1, withTrend: 2, onTrack: 0, withStatus: 2 })
    expect(card.dataAsOf).toBe('2025-02-01T00:00:00.000Z')
    expect(views.reportCard(ID, ASOF)).toBe(views.reportCard(ID, ASOF)) // cached
    expect(JSON.parse(views.reportCardJson(ID, ASOF))).toEqual(card)
    expect(views.reportCardJson(ID, ASOF)).toBe(views.reportCardJson(ID, ASOF)) // serialized once

    // A correction of pB's 2024 value (60 → 90) is not approved yet: the card keeps 140.
    model.put(measurementsDocumentName(ID), 2, sheet({ ...cells, [at('i-enrolled', '2024', 'pB')]: { value: 90, status: 'submitted', definitionVersion: 1 } }))
    const corrected = views.measurements(ID).find((m) => m.key === at('i-enrolled', '2024', 'pB'))!
    expect(corrected).toMatchObject({ value: 90, workflow: 'submitted', approval: null })
    card = views.reportCard(ID, ASOF)
    expect(card.goals[0]!.indicators[0]!.latest).toEqual({ period: '2024', value: 140 })
    // Returned: still the earlier approved value; approved: 80 + 90 = 170.
    await approve([corrected], 'return')
    expect(views.measurements(ID).find((m) => m.key === corrected.key)!.workflow).toBe('returned')
    expect(views.reportCard(ID, ASOF).goals[0]!.indicators[0]!.latest).toEqual({ period: '2024', value: 140 })
    await approve([corrected])
    expect(views.reportCard(ID, ASOF).goals[0]!.indicators[0]!.latest).toEqual({ period: '2024', value: 170 })
  })

  it('keeps the incremental card equal to one computed from scratch, and cached while only cell contents change', async () => {
    const { approvals, model, views, approve } = await setup()
    const agenda = model.get<AgendaReadState>(agendaDocumentName(ID))!.state
    const fresh = () => new MeasurementViews({ readModel: model, approvals, partnerIds: () => ['pA', 'pB'] }).reportCardJson(ID, ASOF)
    const cells: Record<string, Record<string, unknown>> = {}
    for (const year of ['2022', '2023', '2024']) {
      cells[at('i-enrolled', year, 'pA')] = { value: 100 + Number(year.slice(2)), status: 'submitted', definitionVersion: 1 }
      cells[at('i-absence', year)] = { value: 20 - Number(year.slice(3)), status: 'submitted', definitionVersion: 1 }
    }
    let keysVersion = 1
    const put = (seq: number) => {
      const state = sheet(cells)
      state.keysVersion = keysVersion
      model.put(measurementsDocumentName(ID), seq, state)
    }
    put(1)
    await approve(views.measurements(ID).filter((m) => m.period !== '2024'))
    expect(views.reportCardJson(ID, ASOF)).toBe(fresh())
    const before = views.reportCard(ID, ASOF)

    // Typing into a cell (same keys): the card is the same object; the measurement list is not.
    cells[at('i-enrolled', '2022', 'pA')] = { value: 1, status: 'draft', definitionVersion: 1 }
    put(2)
    expect(views.reportCard(ID, ASOF)).toBe(before)
    expect(views.measurements(ID).find((m) => m.key === at('i-enrolled', '2022', 'pA'))).toMatchObject({ value: 1, workflow: 'draft' })

    // One more approval: only its indicator's card is rebuilt.
    await approve(views.measurements(ID).filter((m) => m.key === at('i-absence', '2024')))
    const after = views.reportCard(ID, ASOF)
    expect(after.goals[0]!.indicators[0]).toBe(before.goals[0]!.indicators[0])
    expect(after.goals[0]!.indicators[1]!.latest).toEqual({ period: '2024', value: 16 })
    expect(views.reportCardJson(ID, ASOF)).toBe(fresh())

    // A definition change (percent → count with a range the values break) re-checks that indicator's values.
    const absence = agenda.indicators[1]!
    agenda.indicators[1] = { ...absence, valueType: 'boolean' }
    model.put(agendaDocumentName(ID), 2, agenda)
    expect(views.reportCard(ID, ASOF).goals[0]!.indicators[1]!.series).toEqual([])
    expect(views.reportCardJson(ID, ASOF)).toBe(fresh())
    agenda.indicators[1] = absence
    model.put(agendaDocumentName(ID), 3, agenda)

    // A removed cell: its approved value no longer counts.
    delete cells[at('i-enrolled', '2023', 'pA')]
    keysVersion++
    put(3)
    expect(views.reportCard(ID, ASOF).goals[0]!.indicators[0]!.series.map((o) => o.period)).toEqual(['2022'])
    expect(views.reportCardJson(ID, ASOF)).toBe(fresh())
  })

  it('answers an initiative without agenda or sheet with an empty card', async () => {
    const { views } = await setup()
    const card = views.reportCard('other00001', ASOF)
    expect(card).toMatchObject({ goals: [], unassigned: [], dataAsOf: null, headline: { total: 0 } })
    expect(views.measurements('other00001')).toEqual([])
  })
})
