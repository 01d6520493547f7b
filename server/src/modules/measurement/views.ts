// What the measurement routes answer, computed from the read model: the sheet's cells checked
// against the agenda's indicators (the one shared check, checkMeasurement), their workflow state
// from the server's approvals, and the community report card from approved values only. Both are
// cached per (agenda version, sheet version, decisions, day), so repeated reads cost a lookup.
import {
  agendaDocumentName,
  checkMeasurement,
  headline,
  indicatorStatus,
  measurementFingerprint,
  measurementsDocumentName,
  measurementValue,
  parseCellKey,
  totalSeries,
  type AgendaReadState,
  type CardIndicator,
  type IndicatorRecordView,
  type Measurement,
  type MeasurementRecord,
  type MeasurementValue,
  type MeasurementWorkflow,
  type Observation,
  type ReportCardAnswer,
} from '@common-ground/domain'
import type { ReadModelReader } from '../../derivation/types.ts'
import type { ApprovalStore } from './ApprovalStore.ts'
import type { SheetState } from './sheetDeriver.ts'

export interface ViewDeps {
  readModel: ReadModelReader
  approvals: ApprovalStore
  partnerIds(initiativeId: string): readonly string[]
}

interface Sources {
  agenda: AgendaReadState
  agendaSeq: number
  sheet: SheetState
  sheetSeq: number
  version: string
}

const EMPTY_AGENDA: AgendaReadState = { goals: [], indicators: [], glossary: [], versions: {}, updatedAt: null }

function sources(deps: ViewDeps, initiativeId: string): Sources {
  const agenda = deps.readModel.get<AgendaReadState>(agendaDocumentName(initiativeId))
  const sheet = deps.readModel.get<SheetState>(measurementsDocumentName(initiativeId))
  const agendaSeq = agenda?.seq ?? 0
  const sheetSeq = sheet?.seq ?? 0
  const partners = deps.partnerIds(initiativeId).join(',')
  return {
    agenda: agenda?.state ?? EMPTY_AGENDA,
    agendaSeq,
    sheet: sheet?.state ?? { cells: {} },
    sheetSeq,
    version: `${agendaSeq}:${sheetSeq}:${deps.approvals.count(initiativeId)}:${partners}`,
  }
}

export class MeasurementViews {
  private readonly measurementCache = new Map<string, { version: string; list: Measurement[] }>()
  private readonly cardCache = new Map<string, { version: string; card: ReportCardAnswer; json?: string }>()

  constructor(private readonly deps: ViewDeps) {}

  /** Every cell of the initiative's sheet, checked, with its workflow state, in key order. */
  measurements(initiativeId: string): Measurement[] {
    const src = sources(this.deps, initiativeId)
    const cached = this.measurementCache.get(initiativeId)
    if (cached && cached.version === src.version) return cached.list
    const indicators = new Map(src.agenda.indicators.map((i) => [i.id, i]))
    const context = { indicators, partnerIds: this.deps.partnerIds(initiativeId) }
    const list: Measurement[] = []
    for (const key of Object.keys(src.sheet.cells).sort()) {
      const cell = src.sheet.cells[key]!
      const record = checkMeasurement(key, cell.raw, context)
      const fingerprint = measurementFingerprint(record)
      const latest = this.deps.approvals.latest(initiativeId, key)
      const decided = latest && latest.fingerprint === fingerprint ? latest : undefined
      const workflow: MeasurementWorkflow = decided ? (decided.decision === 'approve' ? 'approved' : 'returned') : record.status
      list.push({
        key,
        indicatorId: record.indicatorId,
        period: record.period,
        partnerId: record.partnerId,
        dimension: record.dimension,
        category: record.category,
        value: record.value,
        note: record.note,
        source: record.source,
        workflow,
        definitionVersion: record.definitionVersion,
        fingerprint,
        issues: record.issues,
        provenance: cell.provenance,
        approval: decided
          ? {
              decision: decided.decision,
              fingerprint: decided.fingerprint,
              decidedAt: decided.decidedAt,
              decidedBy: decided.decidedBy,
              comment: decided.comment,
            }
          : null,
      })
    }
    this.measurementCache.set(initiativeId, { version: src.version, list })
    return list
  }

  /** The report card at `asOf` (default now): approved values only. */
  reportCard(initiativeId: string, asOf = Date.now()): ReportCardAnswer {
    const src = sources(this.deps, initiativeId)
    const day = new Date(asOf).toISOString().slice(0, 10)
    const version = `${src.version}:${day}`
    const cached = this.cardCache.get(initiativeId)
    if (cached && cached.version === version) return cached.card
    const card = this.computeCard(initiativeId, src, asOf)
    this.cardCache.set(initiativeId, { version, card })
    return card
  }

  /** The report card as the JSON the routes answer, serialized once per card (a large card is megabytes). */
  reportCardJson(initiativeId: string, asOf = Date.now()): string {
    const card = this.reportCard(initiativeId, asOf)
    const cached = this.cardCache.get(initiativeId)!
    cached.json ??= JSON.stringify(card)
    return cached.json
  }

  private computeCard(initiativeId: string, src: Sources, asOf: number): ReportCardAnswer {
    const indicators = new Map(src.agenda.indicators.map((i) => [i.id, i]))
    const context = { indicators, partnerIds: this.deps.partnerIds(initiativeId) }
    const approved = new Map<string, MeasurementValue[]>()
    let dataAsOf: string | null = null
    for (const key of Object.keys(src.sheet.cells)) {
      const approval = this.deps.approvals.latestApproval(initiativeId, key)
      if (!approval || approval.value === null) continue
      const coordinates = parseCellKey(key)
      if (!coordinates) continue
      // Checked as approved: the approved value in the cell's current coordinates (the definition may have changed since).
      const record: MeasurementRecord = checkMeasurement(key, { value: approval.value, status: 'submitted' }, context)
      const value = measurementValue(record)
      if (!value) continue
      const list = approved.get(record.indicatorId)
      if (list) list.push(value)
      else approved.set(record.indicatorId, [value])
      if (dataAsOf === null || approval.decidedAt > dataAsOf) dataAsOf = approval.decidedAt
    }
    const cardOf = (indicator: IndicatorRecordView): CardIndicator => cardIndicator(indicator, approved.get(indicator.id) ?? [], asOf)
    const goalIds = new Set(src.agenda.goals.map((g) => g.id))
    const goals = src.agenda.goals.map((goal) => {
      const cards = src.agenda.indicators.filter((i) => i.goalId === goal.id).map(cardOf)
      return { id: goal.id, statement: goal.statement, population: goal.population, headline: headline(cards), indicators: cards }
    })
    const unassigned = src.agenda.indicators.filter((i) => i.goalId === null || !goalIds.has(i.goalId)).map(cardOf)
    const all = [...goals.flatMap((g) => g.indicators), ...unassigned]
    return { initiativeId, asOf: new Date(asOf).toISOString(), dataAsOf, headline: headline(all), goals, unassigned }
  }
}

function seriesOf(values: readonly Observation[]): Observation[] {
  return [...values].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
}

/** One indicator's card: the domain's arithmetic over its approved values. */
export function cardIndicator(indicator: IndicatorRecordView, values: readonly MeasurementValue[], asOf: number): CardIndicator {
  const series = totalSeries(indicator.valueType, values)
  const status = indicatorStatus(indicator, series, asOf)
  const byPartner = new Map<string, Observation[]>()
  const byCategory = new Map<string, Map<string, Observation[]>>()
  for (const v of values) {
    if (v.category === null && v.partnerId !== null) {
      const list = byPartner.get(v.partnerId) ?? []
      list.push({ period: v.period, value: v.value })
      byPartner.set(v.partnerId, list)
    }
    if (v.category !== null && v.partnerId === null) {
      for (const [dimension, category] of Object.entries(v.category)) {
        const dim = byCategory.get(dimension) ?? new Map<string, Observation[]>()
        const list = dim.get(category) ?? []
        list.push({ period: v.period, value: v.value })
        dim.set(category, list)
        byCategory.set(dimension, dim)
      }
    }
  }
  return {
    id: indicator.id,
    goalId: indicator.goalId,
    name: indicator.name,
    definition: indicator.definition,
    valueType: indicator.valueType,
    unit: indicator.unit,
    rateBase: indicator.rateBase,
    polarity: indicator.polarity,
    frequency: indicator.frequency,
    ownerPartnerId: indicator.ownerPartnerId,
    dataSource: indicator.dataSource,
    version: indicator.version,
    targets: indicator.targets,
    ...status,
    series,
    byPartner: [...byPartner].map(([partnerId, list]) => ({ partnerId, series: seriesOf(list) })),
    disaggregated: indicator.disaggregations.map((d) => ({
      dimension: d.dimension,
      categories: d.categories.map((category) => ({ category, series: seriesOf(byCategory.get(d.dimension)?.get(category) ?? []) })),
    })),
    valid: indicator.issues.length === 0,
  }
}
