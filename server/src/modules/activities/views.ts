// The activity map as it is read: the derived entries checked against the agenda's goals and
// indicators (from the read model) and the initiative's partners, and the coordination check over
// them. Computed when read and kept until the map, the agenda or the partners change (the read
// model tells which documents changed), so a burst of edits costs one check, at the next read.
import {
  activitiesDocumentName,
  agendaDocumentName,
  coordinationCheck,
  deriveActivityMap,
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

export class ActivityViews {
  private readonly cache = new Map<string, { key: string; view: ActivityMapView }>()
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
    const raw = (entries: Record<string, MapEntry>) => Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, e.raw]))
    const records = deriveActivityMap(
      { activities: raw(state.activities), strategies: raw(state.strategies), relations: raw(state.relations) },
      { partnerIds: partners.map((p) => p.id), goalIds: new Set(goals.map((g) => g.id)), indicatorIds: new Set(indicators.map((i) => i.id)) },
    )
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
