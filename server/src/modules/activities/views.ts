// The activity map as it is read: the derived entries checked against the agenda's goals and
// indicators (from the read model) and the initiative's partners, and the coordination check over
// them. Computed when read and kept until the map, the agenda or the partners change (the read
// model tells which documents changed), so a burst of edits costs one check, at the next read.
import {
  activitiesDocumentName,
  agendaDocumentName,
  checkActivity,
  checkRelation,
  checkStrategy,
  coordinationCheck,
  type ActivityContext,
  type ActivityRecord,
  type RelationRecord,
  type StrategyRecord,
  type ActivityView,
  type AgendaReadState,
  type CoordinationResult,
  type Provenance,
  type RelationView,
  type StrategyView,
} from '@common-ground/domain'
import type { ReadModelReader } from '../../derivation/types.ts'
import type { ActivityMapState, MapEntry } from './deriver.ts'

export interface PartnerInfo {
  id: string
  sector: string
}

export interface ActivityMapView {
  documentName: string
  mapVersion: number
  agendaVersion: number
  activities: ActivityView[]
  strategies: StrategyView[]
  relations: RelationView[]
  coordination: CoordinationResult
  /** Partner id → sector, for the filters. */
  sectors: ReadonlyMap<string, string>
}

const NO_PROVENANCE = (document: string, blockId: string): Provenance => ({ document, blockId, changedAt: new Date(0).toISOString(), changedBy: null, seq: 0 })

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The checked record of one entry, kept while the entry (its object) and what it is checked against stay the same. */
class CheckCache<R> {
  private readonly records = new WeakMap<MapEntry, { context: number; record: R }>()
  private lastContext = ''
  private contextVersion = 0
  /** The context as a number: the same as last time, or a new one (one string comparison per view, not per entry). */
  context(description: string): number {
    if (description !== this.lastContext) {
      this.lastContext = description
      this.contextVersion++
    }
    return this.contextVersion
  }
  get(entry: MapEntry, context: number, check: () => R): R {
    const hit = this.records.get(entry)
    if (hit && hit.context === context) return hit.record
    const record = check()
    this.records.set(entry, { context, record })
    return record
  }
}

export class ActivityViews {
  private readonly cache = new Map<string, { key: string; view: ActivityMapView }>()
  /** Per initiative (their contexts differ). */
  private readonly checks = new Map<
    string,
    { activities: CheckCache<ActivityRecord>; strategies: CheckCache<StrategyRecord>; relations: CheckCache<RelationRecord> }
  >()
  /** How many times the check ran (tests, the bench). */
  computations = 0

  constructor(private readonly deps: { readModel: ReadModelReader; partners: (initiativeId: string) => readonly PartnerInfo[] }) {
    deps.readModel.subscribe((name) => {
      const m = /^i\/([^/]+)\/(activities|agenda)$/.exec(name)
      if (m) this.cache.delete(m[1]!)
    })
  }

  view(initiativeId: string): ActivityMapView {
    const documentName = activitiesDocumentName(initiativeId)
    const map = this.deps.readModel.get<ActivityMapState>(documentName)
    const agenda = this.deps.readModel.get<AgendaReadState>(agendaDocumentName(initiativeId))
    const partners = this.deps.partners(initiativeId)
    const key = `${map?.seq ?? 0}|${agenda?.seq ?? 0}|${partners.map((p) => `${p.id}:${p.sector}`).join(',')}`
    const cached = this.cache.get(initiativeId)
    if (cached && cached.key === key) return cached.view
    this.computations++
    const state = map?.state ?? { activities: {}, strategies: {}, relations: {} }
    const goals = agenda?.state.goals ?? []
    const indicators = agenda?.state.indicators ?? []
    let checks = this.checks.get(initiativeId)
    if (!checks) {
      checks = { activities: new CheckCache(), strategies: new CheckCache(), relations: new CheckCache() }
      this.checks.set(initiativeId, checks)
    }
    const context: ActivityContext = {
      partnerIds: partners.map((p) => p.id),
      goalIds: new Set(goals.map((g) => g.id)),
      indicatorIds: new Set(indicators.map((i) => i.id)),
    }
    // What the checks of an entry depend on besides the entry: the agenda and partners; the strategies (activities); the activity ids (relations).
    const base = `${agenda?.seq ?? 0}|${key.slice(key.indexOf('|') + 1)}`
    const strategyRecords = Object.entries(state.strategies)
      .map(([id, e]) => checks.strategies.get(e, 0, () => checkStrategy(id, e.raw)))
      .sort((a, b) => (a.order ?? 1001) - (b.order ?? 1001) || byId(a, b))
    const strategyIds = new Set(strategyRecords.map((s) => s.id))
    const activityContext = checks.activities.context(`${base}|${[...strategyIds].sort().join(',')}`)
    const activityRecords = Object.entries(state.activities)
      .map(([id, e]) => checks.activities.get(e, activityContext, () => checkActivity(id, e.raw, context, strategyIds)))
      .sort(byId)
    const activityIds = new Set(activityRecords.map((a) => a.id))
    const relationContext = checks.relations.context(`${base}|${activityRecords.map((a) => a.id).join(',')}`)
    const relationRecords = Object.entries(state.relations)
      .map(([id, e]) => checks.relations.get(e, relationContext, () => checkRelation(id, e.raw, context, activityIds)))
      .sort(byId)
    const records = { activities: activityRecords, strategies: strategyRecords, relations: relationRecords }
    const provenance = (entries: Record<string, MapEntry>, id: string) => entries[id]?.provenance ?? NO_PROVENANCE(documentName, id)
    const activities = records.activities.map((a) => ({ ...a, provenance: provenance(state.activities, a.id) }))
    const strategies = records.strategies.map((s) => ({ ...s, provenance: provenance(state.strategies, s.id) }))
    const relations = records.relations.map((r) => ({ ...r, provenance: provenance(state.relations, r.id) }))
    const coordination = coordinationCheck({
      activities: records.activities,
      relations: records.relations,
      goals,
      indicators: indicators.map((i) => ({ id: i.id, goalId: i.goalId })),
      partners,
    })
    const view: ActivityMapView = {
      documentName,
      mapVersion: map?.seq ?? 0,
      agendaVersion: agenda?.seq ?? 0,
      activities,
      strategies,
      relations,
      coordination,
      sectors: new Map(partners.map((p) => [p.id, p.sector])),
    }
    this.cache.set(initiativeId, { key, view })
    return view
  }
}
