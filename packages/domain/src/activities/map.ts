// The activity map: one Yjs document per initiative (`i/<id>/activities`) where partners and the
// backbone lay out who does what towards the common agenda — co-edited live and offline like every
// document. Root Y.Maps:
//   activities  id → Y.Map { title, description, leadPartnerId, contributors (Y.Map partnerId → RACI role),
//               goalIds (Y.Map goalId → true: a set that merges concurrent additions), indicators
//               (Y.Map indicatorId → expected effect), status, start, end, budget, staff, strategyId }
//   strategies  id → Y.Map { title, description, order }
//   relations   id → Y.Map { from, to, type, note, proposedBy, status }
//   layout      node key (`activity:<id>`, `partner:<id>`, `goal:<id>`, `strategy:<id>`) → { x, y }:
//               the shared positions of the network graph. Kept apart from the activities so that anyone who
//               may edit the map can arrange the graph without touching another partner's activity.
// Checking an entry is one implementation for the client's messages and the server's read model:
// a bad field is an issue on its record (the field holds its default), never a crash and never a
// dropped entry. Plain JSON values in place of the nested maps (an import, an older client) are read too.
import * as Y from 'yjs'
import { readNumber } from '../indicators/definition.ts'

export const ACTIVITY_ROOTS = { activities: 'activities', strategies: 'strategies', relations: 'relations', layout: 'layout' } as const

export const ACTIVITY_STATUSES = ['planned', 'active', 'paused', 'done', 'dropped'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]

/** RACI: the role a partner plays in an activity it contributes to. */
export const CONTRIBUTOR_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const
export type ContributorRole = (typeof CONTRIBUTOR_ROLES)[number]

/** What an activity is expected to do to an indicator. */
export const EXPECTED_EFFECTS = ['increase', 'decrease', 'maintain'] as const
export type ExpectedEffect = (typeof EXPECTED_EFFECTS)[number]

export const RELATION_TYPES = ['reinforces', 'dependsOn', 'duplicates'] as const
export type RelationType = (typeof RELATION_TYPES)[number]

export const RELATION_STATUSES = ['proposed', 'accepted'] as const
export type RelationStatus = (typeof RELATION_STATUSES)[number]

export const ACTIVITY_LIMITS = { title: 200, description: 4000, note: 1000, contributors: 100, goals: 100, indicators: 200, budget: 1e12, staff: 1e5 } as const

/** Ids of activities, strategies and relations: `a-`, `s-`, `r-` and 4–24 lowercase letters or digits. */
export const ACTIVITY_ENTRY_ID = /^[asr]-[a-z0-9]{4,24}$/

export const ACTIVITY_ISSUE_CODES = [
  'required',
  'too_long',
  'too_many',
  'not_a_number',
  'out_of_range',
  'invalid_choice',
  'invalid_date',
  'range_inverted',
  'not_a_partner',
  'unknown_goal',
  'unknown_indicator',
  'unknown_strategy',
  'unknown_activity',
  'self_relation',
  'not_an_entry',
] as const
export type ActivityIssueCode = (typeof ACTIVITY_ISSUE_CODES)[number]

/** One problem with one field: `field` is a path such as `contributors.schools` or `goalIds.g-abcd`. */
export interface ActivityIssue {
  field: string
  code: ActivityIssueCode
}

export interface ActivityContributor {
  partnerId: string
  role: ContributorRole
}

export interface ActivityIndicatorLink {
  indicatorId: string
  effect: ExpectedEffect
}

export interface ActivityRecord {
  id: string
  title: string
  description: string
  leadPartnerId: string
  /** In partner id order; the lead is not repeated here. */
  contributors: ActivityContributor[]
  /** Sorted. An id the agenda does not have is kept, with an `unknown_goal` issue. */
  goalIds: string[]
  /** In indicator id order. */
  indicators: ActivityIndicatorLink[]
  status: ActivityStatus
  /** `YYYY-MM-DD` or null. */
  start: string | null
  end: string | null
  /** In the initiative's currency; null: not given. */
  budget: number | null
  /** Full-time equivalents; null: not given. */
  staff: number | null
  strategyId: string | null
  issues: ActivityIssue[]
}

export interface StrategyRecord {
  id: string
  title: string
  description: string
  order: number | null
  issues: ActivityIssue[]
}

export interface RelationRecord {
  id: string
  from: string
  to: string
  type: RelationType
  note: string
  /** The partner that proposed it; '' for the backbone. */
  proposedBy: string
  status: RelationStatus
  issues: ActivityIssue[]
}

/** What the checks look things up in: the initiative's partners and the agenda's goals and indicators. */
export interface ActivityContext {
  partnerIds: readonly string[]
  goalIds: ReadonlySet<string>
  indicatorIds: ReadonlySet<string>
}

export interface ActivityMapRecords {
  /** In id order. */
  activities: ActivityRecord[]
  /** By order, then id. */
  strategies: StrategyRecord[]
  /** In id order. */
  relations: RelationRecord[]
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''
}

function limited(field: string, value: string, max: number, issues: ActivityIssue[]): string {
  if (value.length > max) issues.push({ field, code: 'too_long' })
  return value.slice(0, max)
}

function choice<T extends string>(value: unknown, options: readonly T[], fallback: T, field: string, issues: ActivityIssue[]): T {
  if (value === undefined || value === null || value === '') return fallback
  if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T
  issues.push({ field, code: 'invalid_choice' })
  return fallback
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function date(value: unknown, field: string, issues: ActivityIssue[]): string | null {
  const s = text(value)
  if (s === '') return null
  const m = DATE.exec(s)
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
    if (d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])) return s
  }
  issues.push({ field, code: 'invalid_date' })
  return null
}

function amount(value: unknown, max: number, field: string, issues: ActivityIssue[]): number | null {
  const n = readNumber(value)
  if (n === null) return null
  if (n === 'invalid') {
    issues.push({ field, code: 'not_a_number' })
    return null
  }
  if (n < 0 || n > max) {
    issues.push({ field, code: 'out_of_range' })
    return null
  }
  return n
}

/** A map-like field as plain entries: a Y.Map's JSON, a plain object, or (for sets) an array of keys. */
function entriesOf(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map((v) => [v, true])
  if (value !== null && typeof value === 'object') return Object.entries(value as Record<string, unknown>)
  return []
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Checks one activity (its id and the fields of its Y.Map as plain JSON); never throws. */
export function checkActivity(id: string, raw: Record<string, unknown>, context: ActivityContext, strategyIds?: ReadonlySet<string>): ActivityRecord {
  const issues: ActivityIssue[] = []
  if (!ACTIVITY_ENTRY_ID.test(id) || !id.startsWith('a-')) issues.push({ field: 'id', code: 'not_an_entry' })
  const title = limited('title', text(raw.title), ACTIVITY_LIMITS.title, issues)
  if (title === '') issues.push({ field: 'title', code: 'required' })
  const description = limited('description', text(raw.description), ACTIVITY_LIMITS.description, issues)
  const leadPartnerId = text(raw.leadPartnerId)
  if (leadPartnerId === '') issues.push({ field: 'leadPartnerId', code: 'required' })
  else if (!context.partnerIds.includes(leadPartnerId)) issues.push({ field: 'leadPartnerId', code: 'not_a_partner' })

  const contributors: ActivityContributor[] = []
  const rawContributors = entriesOf(raw.contributors).sort(([a], [b]) => byString(a, b))
  if (rawContributors.length > ACTIVITY_LIMITS.contributors) issues.push({ field: 'contributors', code: 'too_many' })
  for (const [partnerId, role] of rawContributors.slice(0, ACTIVITY_LIMITS.contributors)) {
    if (partnerId === leadPartnerId) continue
    const field = `contributors.${partnerId}`
    if (!context.partnerIds.includes(partnerId)) issues.push({ field, code: 'not_a_partner' })
    contributors.push({ partnerId, role: choice(role, CONTRIBUTOR_ROLES, 'responsible', field, issues) })
  }

  const goalIds = entriesOf(raw.goalIds)
    .filter(([, v]) => v !== false && v !== null)
    .map(([k]) => k)
    .sort(byString)
  if (goalIds.length > ACTIVITY_LIMITS.goals) issues.push({ field: 'goalIds', code: 'too_many' })
  for (const goalId of goalIds) if (!context.goalIds.has(goalId)) issues.push({ field: `goalIds.${goalId}`, code: 'unknown_goal' })

  const indicators: ActivityIndicatorLink[] = []
  const rawIndicators = entriesOf(raw.indicators).sort(([a], [b]) => byString(a, b))
  if (rawIndicators.length > ACTIVITY_LIMITS.indicators) issues.push({ field: 'indicators', code: 'too_many' })
  for (const [indicatorId, effect] of rawIndicators) {
    const field = `indicators.${indicatorId}`
    if (!context.indicatorIds.has(indicatorId)) issues.push({ field, code: 'unknown_indicator' })
    indicators.push({ indicatorId, effect: choice(effect === true ? undefined : effect, EXPECTED_EFFECTS, 'increase', field, issues) })
  }

  const status = choice(raw.status, ACTIVITY_STATUSES, 'planned', 'status', issues)
  const start = date(raw.start, 'start', issues)
  const end = date(raw.end, 'end', issues)
  if (start !== null && end !== null && end < start) issues.push({ field: 'end', code: 'range_inverted' })
  const budget = amount(raw.budget, ACTIVITY_LIMITS.budget, 'budget', issues)
  const staff = amount(raw.staff, ACTIVITY_LIMITS.staff, 'staff', issues)
  const strategy = text(raw.strategyId)
  const strategyId = strategy === '' ? null : strategy
  if (strategyId !== null && strategyIds && !strategyIds.has(strategyId)) issues.push({ field: 'strategyId', code: 'unknown_strategy' })

  return { id, title, description, leadPartnerId, contributors, goalIds, indicators, status, start, end, budget, staff, strategyId, issues }
}

/** Checks one strategy; never throws. */
export function checkStrategy(id: string, raw: Record<string, unknown>): StrategyRecord {
  const issues: ActivityIssue[] = []
  if (!ACTIVITY_ENTRY_ID.test(id) || !id.startsWith('s-')) issues.push({ field: 'id', code: 'not_an_entry' })
  const title = limited('title', text(raw.title), ACTIVITY_LIMITS.title, issues)
  if (title === '') issues.push({ field: 'title', code: 'required' })
  const description = limited('description', text(raw.description), ACTIVITY_LIMITS.description, issues)
  let order: number | null = null
  const n = readNumber(raw.order)
  if (n === 'invalid') issues.push({ field: 'order', code: 'not_a_number' })
  else if (n !== null) {
    if (Number.isInteger(n) && n >= 1 && n <= 1000) order = n
    else issues.push({ field: 'order', code: 'out_of_range' })
  }
  return { id, title, description, order, issues }
}

/** Checks one relation against the activities the map has; never throws. */
export function checkRelation(id: string, raw: Record<string, unknown>, context: ActivityContext, activityIds: ReadonlySet<string>): RelationRecord {
  const issues: ActivityIssue[] = []
  if (!ACTIVITY_ENTRY_ID.test(id) || !id.startsWith('r-')) issues.push({ field: 'id', code: 'not_an_entry' })
  const from = text(raw.from)
  const to = text(raw.to)
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value === '') issues.push({ field, code: 'required' })
    else if (!activityIds.has(value)) issues.push({ field, code: 'unknown_activity' })
  }
  if (from !== '' && from === to) issues.push({ field: 'to', code: 'self_relation' })
  const type = choice(raw.type, RELATION_TYPES, 'reinforces', 'type', issues)
  const note = limited('note', text(raw.note), ACTIVITY_LIMITS.note, issues)
  const proposedBy = text(raw.proposedBy)
  if (proposedBy !== '' && !context.partnerIds.includes(proposedBy)) issues.push({ field: 'proposedBy', code: 'not_a_partner' })
  const status = choice(raw.status, RELATION_STATUSES, 'proposed', 'status', issues)
  return { id, from, to, type, note, proposedBy, status, issues }
}

/** An entry of a root map as plain JSON (a non-map value reads as an entry with no fields). */
export function entryJson(value: unknown): Record<string, unknown> {
  if (value instanceof Y.Map) return value.toJSON() as Record<string, unknown>
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Y.AbstractType)) return value as Record<string, unknown>
  return {}
}

/** The raw entries of an activity map document, per root, as plain JSON. */
export interface RawActivityMap {
  activities: Readonly<Record<string, Record<string, unknown>>>
  strategies: Readonly<Record<string, Record<string, unknown>>>
  relations: Readonly<Record<string, Record<string, unknown>>>
}

export function readActivityMap(doc: Y.Doc): RawActivityMap {
  const read = (root: string) => {
    const out: Record<string, Record<string, unknown>> = {}
    for (const [key, value] of doc.getMap(root).entries()) out[key] = entryJson(value)
    return out
  }
  return { activities: read(ACTIVITY_ROOTS.activities), strategies: read(ACTIVITY_ROOTS.strategies), relations: read(ACTIVITY_ROOTS.relations) }
}

/** Every entry of a map, checked: activities against the agenda and the strategies, relations against the activities. */
export function deriveActivityMap(raw: RawActivityMap, context: ActivityContext): ActivityMapRecords {
  const strategies = Object.entries(raw.strategies)
    .map(([id, fields]) => checkStrategy(id, fields))
    .sort((a, b) => (a.order ?? 1001) - (b.order ?? 1001) || byString(a.id, b.id))
  const strategyIds = new Set(strategies.map((s) => s.id))
  const activities = Object.keys(raw.activities)
    .sort(byString)
    .map((id) => checkActivity(id, raw.activities[id]!, context, strategyIds))
  const activityIds = new Set(activities.map((a) => a.id))
  const relations = Object.keys(raw.relations)
    .sort(byString)
    .map((id) => checkRelation(id, raw.relations[id]!, context, activityIds))
  return { activities, strategies, relations }
}

// ---------------------------------------------------------------------------------------------
// Writing (one transaction each, the caller's origin)

/** A new entry id: `a-`, `s-` or `r-` and 10 random letters or digits. */
export function newActivityEntryId(kind: 'activity' | 'strategy' | 'relation', random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let id = ''
  for (let i = 0; i < 10; i++) id += alphabet[Math.floor(random() * alphabet.length)]
  return `${kind[0]}-${id}`
}

export interface ActivityFields {
  title?: string
  description?: string
  leadPartnerId?: string
  /** Replaces the contributors given (role null removes one). */
  contributors?: Record<string, ContributorRole | null>
  /** Goals to add (true) or remove (false). */
  goalIds?: Record<string, boolean>
  /** Indicators to link with their expected effect, or unlink (null). */
  indicators?: Record<string, ExpectedEffect | null>
  status?: ActivityStatus
  start?: string | null
  end?: string | null
  budget?: number | null
  staff?: number | null
  strategyId?: string | null
}

function childMap(parent: Y.Map<unknown>, field: string): Y.Map<unknown> {
  const current = parent.get(field)
  if (current instanceof Y.Map) return current
  const map = new Y.Map<unknown>()
  // Keep what a plain value held (an import): its entries move into the map.
  for (const [k, v] of entriesOf(current)) map.set(k, v)
  parent.set(field, map)
  return map
}

function entryMap(root: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const current = root.get(id)
  if (current instanceof Y.Map) return current
  const map = new Y.Map<unknown>()
  root.set(id, map)
  for (const [k, v] of Object.entries(entryJson(current))) map.set(k, v)
  return map
}

const ACTIVITY_SETS = ['contributors', 'goalIds', 'indicators'] as const

/** Creates or changes an activity. The lead is written first, so a guard sees it with the entry. */
export function writeActivity(doc: Y.Doc, id: string, fields: ActivityFields, origin?: unknown): void {
  doc.transact(() => {
    const activities = doc.getMap<unknown>(ACTIVITY_ROOTS.activities)
    const isNew = !(activities.get(id) instanceof Y.Map)
    const activity = entryMap(activities, id)
    if (fields.leadPartnerId !== undefined) activity.set('leadPartnerId', fields.leadPartnerId)
    for (const field of ['title', 'description', 'status', 'start', 'end', 'budget', 'staff', 'strategyId'] as const) {
      const value = fields[field]
      if (value === undefined) continue
      if (value === null) activity.delete(field)
      else activity.set(field, value)
    }
    // The nested maps exist from the start (after the lead), so that two people adding a goal at once both keep theirs.
    if (isNew) for (const field of ACTIVITY_SETS) childMap(activity, field)
    const nested = [
      ['contributors', fields.contributors],
      ['goalIds', fields.goalIds],
      ['indicators', fields.indicators],
    ] as const
    for (const [field, changes] of nested) {
      if (!changes) continue
      const map = childMap(activity, field)
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === false) map.delete(key)
        else map.set(key, value)
      }
    }
  }, origin)
}

export function writeStrategy(doc: Y.Doc, id: string, fields: { title?: string; description?: string; order?: number | null }, origin?: unknown): void {
  doc.transact(() => {
    const strategy = entryMap(doc.getMap(ACTIVITY_ROOTS.strategies), id)
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue
      if (value === null) strategy.delete(field)
      else strategy.set(field, value)
    }
  }, origin)
}

export interface RelationFields {
  from?: string
  to?: string
  type?: RelationType
  note?: string
  proposedBy?: string
  status?: RelationStatus
}

export function writeRelation(doc: Y.Doc, id: string, fields: RelationFields, origin?: unknown): void {
  doc.transact(() => {
    const relation = entryMap(doc.getMap(ACTIVITY_ROOTS.relations), id)
    for (const [field, value] of Object.entries(fields)) if (value !== undefined) relation.set(field, value)
  }, origin)
}

/** Removes an activity, strategy or relation. */
export function removeActivityEntry(doc: Y.Doc, root: 'activities' | 'strategies' | 'relations', id: string, origin?: unknown): void {
  doc.transact(() => doc.getMap(ACTIVITY_ROOTS[root]).delete(id), origin)
}

/** The graph position of a node (`activity:<id>`, `partner:<id>`, `goal:<id>`, `strategy:<id>`). */
export function writeLayout(doc: Y.Doc, nodeKey: string, position: { x: number; y: number }, origin?: unknown): void {
  doc.transact(() => doc.getMap(ACTIVITY_ROOTS.layout).set(nodeKey, { x: position.x, y: position.y }), origin)
}
