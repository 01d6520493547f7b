// What the measurement routes answer, computed from the read model: the sheet's cells checked
// against the agenda's indicators (the one shared check, checkMeasurement), their workflow state
// from the server's approvals, and the community report card from approved values only. Both are
// cached whole (so repeated reads cost a lookup) and recomputed incrementally: a cell is checked
// again only when it, its latest decision, its indicator's definition or the partners changed
// (cells are compared by identity: the sheet deriver replaces only touched cells), and an indicator's
// card is rebuilt only when one of its approved values or its definition changed. The card does not
// depend on what the sheet's cells hold — only approved values count — so typing in the sheet
// leaves it cached.
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
  type SheetContext,
} from '@common-ground/domain'
import type { ReadModelReader } from '../../derivation/types.ts'
import type { ApprovalEntry, ApprovalStore } from './ApprovalStore.ts'
import type { SheetCell, SheetState } from './sheetDeriver.ts'

export interface ViewDeps {
  readModel: ReadModelReader
  approvals: ApprovalStore
  partnerIds(initiativeId: string): readonly string[]
}

interface Sources {
  agenda: AgendaReadState
  sheet: SheetState
  partners: string
  /** Changes with the agenda, the sheet, any decision or the partners: the measurement list's cache key. */
  version: string
  /** Changes with the agenda, the sheet's set of keys, any decision or the partners: the report card's. */
  cardVersion: string
}

/** One cell's check, kept while its inputs are the same objects. */
interface CheckedCell {
  cell: SheetCell
  indicatorId: string
  decision: ApprovalEntry | undefined
  indicator: string
  partners: string
  measurement: Measurement
}

/** One approved value: the latest approval of a cell, checked in the cell's coordinates against its indicator. */
interface ApprovedCell {
  approval: ApprovalEntry
  value: MeasurementValue | null
}

/**
 * What the report card is built from, kept between cards and brought up to date from what changed:
 * the decisions made since (the approval store's log), indicators whose definition changed. Built
 * again from every decision when the sheet's set of cells or the partners change.
 */
interface CardSource {
  decisions: number
  keysVersion: number
  partners: string
  /** Cell key → its approved value. */
  approved: Map<string, ApprovedCell>
  /** Indicator id → the keys of its approved cells. */
  keysOf: Map<string, Set<string>>
  dataAsOf: string | null
  /** Indicator id → its last card, with the definition and day it was made for. */
  cards: Map<string, { signature: string; day: string; card: CardIndicator }>
}

const EMPTY_AGENDA: AgendaReadState = { goals: [], indicators: [], glossary: [], versions: {}, updatedAt: null }

function sources(deps: ViewDeps, initiativeId: string): Sources {
  const agenda = deps.readModel.get<AgendaReadState>(agendaDocumentName(initiativeId))
  const sheet = deps.readModel.get<SheetState>(measurementsDocumentName(initiativeId))
  const agendaSeq = agenda?.seq ?? 0
  const sheetSeq = sheet?.seq ?? 0
  const partners = deps.partnerIds(initiativeId).join(',')
  const decisions = deps.approvals.count(initiativeId)
  const state = sheet?.state ?? { cells: {} }
  return {
    agenda: agenda?.state ?? EMPTY_AGENDA,
    sheet: state,
    partners,
    version: `${agendaSeq}:${sheetSeq}:${decisions}:${partners}`,
    // A state without keysVersion (made before it was kept) falls back to the sheet's seq.
    cardVersion: `${agendaSeq}:${state.keysVersion ? `k${state.keysVersion}` : `s${sheetSeq}`}:${decisions}:${partners}`,
  }
}

/** Tells this process's cache versions from another's (after a restart the same numbers may mean other content). */
const BOOT = Date.now().toString(36)

/** An indicator's definition as one string: its check and its card are kept while this is the same. */
const signatureOf = (indicator: IndicatorRecordView): string => JSON.stringify({ ...indicator, provenance: null })

export class MeasurementViews {
  private readonly measurementCache = new Map<string, { version: string; list: Measurement[]; keysVersion: number; keys: string[] }>()
  private readonly cardCache = new Map<string, { version: string; card: ReportCardAnswer; json?: string }>()
  private readonly checked = new Map<string, Map<string, CheckedCell>>()
  private readonly cardSources = new Map<string, CardSource>()
  /** Each indicator card's JSON, kept with the card object. */
  private readonly cardJson = new WeakMap<CardIndicator, string>()

  constructor(private readonly deps: ViewDeps) {}

  /** Changes whenever measurements() would answer differently (an HTTP validator: it names this process's cache entry). */
  measurementsVersion(initiativeId: string): string {
    return `${BOOT}:${sources(this.deps, initiativeId).version}`
  }

  /** Changes whenever reportCard() at `asOf` would answer differently. */
  reportCardVersion(initiativeId: string, asOf = Date.now()): string {
    this.reportCard(initiativeId, asOf)
    return `${BOOT}:${this.cardCache.get(initiativeId)!.version}`
  }

  /** Every cell of the initiative's sheet, checked, with its workflow state, in key order. */
  measurements(initiativeId: string): Measurement[] {
    const src = sources(this.deps, initiativeId)
    const cached = this.measurementCache.get(initiativeId)
    if (cached && cached.version === src.version) return cached.list
    const indicators = new Map(src.agenda.indicators.map((i) => [i.id, i]))
    const signatures = new Map(src.agenda.indicators.map((i) => [i.id, signatureOf(i)]))
    const context = { indicators, partnerIds: this.deps.partnerIds(initiativeId) }
    const keysVersion = src.sheet.keysVersion ?? 0
    const keys = cached && cached.keysVersion === keysVersion && keysVersion > 0 ? cached.keys : Object.keys(src.sheet.cells).sort()
    const previous = this.checked.get(initiativeId) ?? new Map<string, CheckedCell>()
    const memo = new Map<string, CheckedCell>()
    const list: Measurement[] = []
    for (const key of keys) {
      const cell = src.sheet.cells[key]
      if (!cell) continue
      const decision = this.deps.approvals.latest(initiativeId, key)
      const before = previous.get(key)
      const indicatorId = before?.indicatorId ?? parseCellKey(key)?.indicatorId ?? ''
      const indicator = signatures.get(indicatorId) ?? ''
      if (before && before.cell === cell && before.decision === decision && before.indicator === indicator && before.partners === src.partners) {
        memo.set(key, before)
        list.push(before.measurement)
        continue
      }
      const measurement = checkedMeasurement(key, cell, decision, context)
      memo.set(key, { cell, indicatorId, decision, indicator, partners: src.partners, measurement })
      list.push(measurement)
    }
    this.checked.set(initiativeId, memo)
    this.measurementCache.set(initiativeId, { version: src.version, list, keysVersion, keys })
    return list
  }

  /** The report card at `asOf` (default now): approved values only. */
  reportCard(initiativeId: string, asOf = Date.now()): ReportCardAnswer {
    const src = sources(this.deps, initiativeId)
    const day = new Date(asOf).toISOString().slice(0, 10)
    const version = `${src.cardVersion}:${day}`
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
    cached.json ??= this.serializeCard(card)
    return cached.json
  }

  /** JSON.stringify(card), reusing each unchanged indicator card's JSON. */
  private serializeCard(card: ReportCardAnswer): string {
    const list = (cards: readonly CardIndicator[]) => {
      const parts = cards.map((c) => {
        let json = this.cardJson.get(c)
        if (json === undefined) {
          json = JSON.stringify(c)
          this.cardJson.set(c, json)
        }
        return json
      })
      return `[${parts.join(',')}]`
    }
    const goals = card.goals.map(
      (g) =>
        `{"id":${JSON.stringify(g.id)},"statement":${JSON.stringify(g.statement)},"population":${JSON.stringify(g.population)},"headline":${JSON.stringify(g.headline)},"indicators":${list(g.indicators)}}`,
    )
    const head = JSON.stringify({ initiativeId: card.initiativeId, asOf: card.asOf, dataAsOf: card.dataAsOf, headline: card.headline })
    return `${head.slice(0, -1)},"goals":[${goals.join(',')}],"unassigned":${list(card.unassigned)}}`
  }

  private computeCard(initiativeId: string, src: Sources, asOf: number): ReportCardAnswer {
    const indicators = new Map(src.agenda.indicators.map((i) => [i.id, i]))
    const signatures = new Map(src.agenda.indicators.map((i) => [i.id, signatureOf(i)]))
    const context = { indicators, partnerIds: this.deps.partnerIds(initiativeId) }
    const keysVersion = src.sheet.keysVersion ?? 0
    const decisions = this.deps.approvals.count(initiativeId)
    let source = this.cardSources.get(initiativeId)
    /** Indicators whose approved values changed since the last card. */
    const changed = new Set<string>()
    const check = (key: string, approval: ApprovalEntry) => {
      const indicatorId = parseCellKey(key)?.indicatorId ?? ''
      // Checked as approved: the approved value in the cell's current coordinates (the definition may have changed since).
      const record: MeasurementRecord = checkMeasurement(key, { value: approval.value, status: 'submitted' }, context)
      source!.approved.set(key, { approval, value: measurementValue(record) })
      let keys = source!.keysOf.get(indicatorId)
      if (!keys) source!.keysOf.set(indicatorId, (keys = new Set()))
      keys.add(key)
      changed.add(indicatorId)
      if (source!.dataAsOf === null || approval.decidedAt > source!.dataAsOf) source!.dataAsOf = approval.decidedAt
    }
    const approvalOf = (key: string) => {
      const approval = src.sheet.cells[key] === undefined ? undefined : this.deps.approvals.latestApproval(initiativeId, key)
      return approval && approval.value !== null ? approval : undefined
    }
    if (!source || source.keysVersion !== keysVersion || source.partners !== src.partners || keysVersion === 0) {
      source = { decisions, keysVersion, partners: src.partners, approved: new Map(), keysOf: new Map(), dataAsOf: null, cards: new Map() }
      this.cardSources.set(initiativeId, source)
      for (const key of this.deps.approvals.decidedKeys(initiativeId)) {
        const approval = approvalOf(key)
        if (approval) check(key, approval)
      }
    } else {
      for (const entry of this.deps.approvals.since(initiativeId, source.decisions)) {
        if (entry.decision !== 'approve') continue
        const approval = approvalOf(entry.key)
        if (approval) check(entry.key, approval)
      }
      source.decisions = decisions
      // A changed definition may change how its approved values check (a value type, a period kind).
      for (const [id, signature] of signatures) {
        const kept = source.cards.get(id)
        if (kept && kept.signature === signature) continue
        for (const key of source.keysOf.get(id) ?? []) check(key, source.approved.get(key)!.approval)
        changed.add(id)
      }
    }

    const day = new Date(asOf).toISOString().slice(0, 10)
    const cardOf = (indicator: IndicatorRecordView): CardIndicator => {
      const signature = signatures.get(indicator.id)!
      const kept = source.cards.get(indicator.id)
      if (kept && kept.signature === signature && kept.day === day && !changed.has(indicator.id)) return kept.card
      const values: MeasurementValue[] = []
      for (const key of source.keysOf.get(indicator.id) ?? []) {
        const value = source.approved.get(key)?.value
        if (value) values.push(value)
      }
      const card = cardIndicator(indicator, values, asOf)
      source.cards.set(indicator.id, { signature, day, card })
      return card
    }
    const goalIds = new Set(src.agenda.goals.map((g) => g.id))
    const goals = src.agenda.goals.map((goal) => {
      const list = src.agenda.indicators.filter((i) => i.goalId === goal.id).map(cardOf)
      return { id: goal.id, statement: goal.statement, population: goal.population, headline: headline(list), indicators: list }
    })
    const unassigned = src.agenda.indicators.filter((i) => i.goalId === null || !goalIds.has(i.goalId)).map(cardOf)
    const all = [...goals.flatMap((g) => g.indicators), ...unassigned]
    return { initiativeId, asOf: new Date(asOf).toISOString(), dataAsOf: source.dataAsOf, headline: headline(all), goals, unassigned }
  }
}

/** A cell checked against the indicators, with its workflow state from its latest decision. */
function checkedMeasurement(key: string, cell: SheetCell, latest: ApprovalEntry | undefined, context: SheetContext): Measurement {
  const record = checkMeasurement(key, cell.raw, context)
  const fingerprint = measurementFingerprint(record)
  const decided = latest && latest.fingerprint === fingerprint ? latest : undefined
  const workflow: MeasurementWorkflow = decided ? (decided.decision === 'approve' ? 'approved' : 'returned') : record.status
  return {
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
      ? { decision: decided.decision, fingerprint: decided.fingerprint, decidedAt: decided.decidedAt, decidedBy: decided.decidedBy, comment: decided.comment }
      : null,
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
