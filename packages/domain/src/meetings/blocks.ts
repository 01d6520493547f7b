// The structured blocks of a meeting's agenda document: agenda items (title, presenter, timebox,
// links to goals, indicators or activities, discussed or not), decisions (statement, rationale,
// active or superseded) and action items (one owner, a due date, open / done / dropped). Like the
// common agenda's blocks (../agenda/blocks.ts) each is a ProseMirror atom node stored as a
// Y.XmlElement whose attributes are its fields; the checks here are the one implementation,
// used by the client for the messages on a block and by the server for the derived records.
import type { ValidationIssue } from '../indicators/definition.ts'

export const MEETING_BLOCK_NODES = {
  item: 'meetingItem',
  decision: 'decisionBlock',
  actionItem: 'actionItemBlock',
} as const
export type MeetingBlockKind = keyof typeof MEETING_BLOCK_NODES
export const MEETING_BLOCK_KINDS = Object.keys(MEETING_BLOCK_NODES) as MeetingBlockKind[]

const KIND_OF_NODE = new Map<string, MeetingBlockKind>(MEETING_BLOCK_KINDS.map((kind) => [MEETING_BLOCK_NODES[kind], kind]))

export function meetingBlockKind(nodeName: string): MeetingBlockKind | null {
  return KIND_OF_NODE.get(nodeName) ?? null
}

export const MEETING_ID_PREFIX: Record<MeetingBlockKind, string> = { item: 'm', decision: 'd', actionItem: 'a' }
export const MEETING_BLOCK_ID = /^[mda]-[a-z0-9]{4,24}$/

/** A fresh block id; `random` is injectable for tests. */
export function newMeetingBlockId(kind: MeetingBlockKind, random: () => number = Math.random): string {
  let s = ''
  while (s.length < 10) s += Math.floor(random() * 36).toString(36)
  return `${MEETING_ID_PREFIX[kind]}-${s}`
}

export const ITEM_STATUSES = ['pending', 'discussed', 'deferred'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]
export const DECISION_STATUSES = ['active', 'superseded'] as const
export type DecisionStatus = (typeof DECISION_STATUSES)[number]
export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const LINK_KINDS = ['goal', 'indicator', 'activity'] as const
export type LinkKind = (typeof LINK_KINDS)[number]

export const MEETING_LIMITS = { title: 300, presenter: 120, statement: 1000, rationale: 4000, timebox: 600, links: 20 } as const

/** Where a carried-over block came from: the block of the same id in an earlier meeting. */
export interface CarriedFrom {
  meetingId: string
  blockId: string
}

export interface ItemDefinition {
  id: string
  title: string
  presenter: string
  /** Minutes, or null: no timebox. */
  timeboxMinutes: number | null
  links: { kind: LinkKind; id: string }[]
  status: ItemStatus
  carriedFrom: CarriedFrom | null
}

export interface DecisionDefinition {
  id: string
  statement: string
  rationale: string
  status: DecisionStatus
  /** The decision this one replaces (its id), or ''. */
  supersedes: string
}

export interface ActionItemDefinition {
  id: string
  title: string
  /** The member (user id) who owns it. */
  ownerId: string
  /** `YYYY-MM-DD`, or '' when no date was set. */
  due: string
  status: ActionStatus
  carriedFrom: CarriedFrom | null
}

/** What the checks compare links and owners against. */
export interface MeetingContext {
  memberIds: readonly string[]
  goalIds: readonly string[]
  indicatorIds: readonly string[]
  /** Activity ids of the activity map; null: not known here (links to activities are not checked). */
  activityIds: readonly string[] | null
}

export interface CheckedBlock<T> {
  definition: T
  issues: ValidationIssue[]
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '')

function limited(field: string, value: string, max: number, issues: ValidationIssue[]): string {
  if (value.length > max) issues.push({ field, code: 'too_long' })
  return value.slice(0, max)
}

function choice<T extends string>(field: string, value: unknown, options: readonly T[], fallback: T, issues: ValidationIssue[]): T {
  const given = text(value)
  if (given === '') return fallback
  if ((options as readonly string[]).includes(given)) return given as T
  issues.push({ field, code: 'invalid_choice' })
  return fallback
}

function idOf(raw: Record<string, unknown>, issues: ValidationIssue[]): string {
  const id = text(raw.id)
  if (id === '') issues.push({ field: 'id', code: 'required' })
  return id
}

function carriedFrom(value: unknown): CarriedFrom | null {
  if (!value || typeof value !== 'object') return null
  const { meetingId, blockId } = value as Record<string, unknown>
  return typeof meetingId === 'string' && typeof blockId === 'string' && meetingId !== '' && blockId !== '' ? { meetingId, blockId } : null
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/** Checks an agenda item's attributes; never throws. */
export function checkItem(raw: Record<string, unknown>, context: MeetingContext): CheckedBlock<ItemDefinition> {
  const issues: ValidationIssue[] = []
  const id = idOf(raw, issues)
  const title = limited('title', text(raw.title), MEETING_LIMITS.title, issues)
  if (title === '') issues.push({ field: 'title', code: 'required' })
  const presenter = limited('presenter', text(raw.presenter), MEETING_LIMITS.presenter, issues)
  let timeboxMinutes: number | null = null
  const rawTimebox = text(raw.timeboxMinutes)
  if (rawTimebox !== '') {
    const n = Number(rawTimebox)
    if (!Number.isFinite(n)) issues.push({ field: 'timeboxMinutes', code: 'not_a_number' })
    else if (!Number.isInteger(n) || n < 1 || n > MEETING_LIMITS.timebox) issues.push({ field: 'timeboxMinutes', code: 'out_of_range' })
    else timeboxMinutes = n
  }
  const links: ItemDefinition['links'] = []
  const rawLinks = Array.isArray(raw.links) ? raw.links : []
  if (rawLinks.length > MEETING_LIMITS.links) issues.push({ field: 'links', code: 'too_many' })
  rawLinks.slice(0, MEETING_LIMITS.links).forEach((link, i) => {
    const { kind, id: target } = (link && typeof link === 'object' ? link : {}) as Record<string, unknown>
    if (!(LINK_KINDS as readonly unknown[]).includes(kind) || typeof target !== 'string' || target === '') {
      issues.push({ field: `links.${i}`, code: 'invalid_choice' })
      return
    }
    const known = kind === 'goal' ? context.goalIds : kind === 'indicator' ? context.indicatorIds : context.activityIds
    if (known !== null && !known.includes(target)) issues.push({ field: `links.${i}`, code: 'invalid_choice' })
    links.push({ kind: kind as LinkKind, id: target })
  })
  const status = choice('status', raw.status, ITEM_STATUSES, 'pending', issues)
  return { definition: { id, title, presenter, timeboxMinutes, links, status, carriedFrom: carriedFrom(raw.carriedFrom) }, issues }
}

/** Checks a decision's attributes; never throws. */
export function checkDecision(raw: Record<string, unknown>): CheckedBlock<DecisionDefinition> {
  const issues: ValidationIssue[] = []
  const id = idOf(raw, issues)
  const statement = limited('statement', text(raw.statement), MEETING_LIMITS.statement, issues)
  if (statement === '') issues.push({ field: 'statement', code: 'required' })
  const rationale = limited('rationale', text(raw.rationale), MEETING_LIMITS.rationale, issues)
  const status = choice('status', raw.status, DECISION_STATUSES, 'active', issues)
  const supersedes = text(raw.supersedes)
  if (supersedes !== '' && supersedes === id) issues.push({ field: 'supersedes', code: 'invalid_choice' })
  return { definition: { id, statement, rationale, status, supersedes }, issues }
}

/** Checks an action item's attributes; never throws. One owner, who must be a member. */
export function checkActionItem(raw: Record<string, unknown>, context: MeetingContext): CheckedBlock<ActionItemDefinition> {
  const issues: ValidationIssue[] = []
  const id = idOf(raw, issues)
  const title = limited('title', text(raw.title), MEETING_LIMITS.title, issues)
  if (title === '') issues.push({ field: 'title', code: 'required' })
  const ownerId = text(raw.ownerId)
  if (ownerId === '') issues.push({ field: 'ownerId', code: 'required' })
  else if (!context.memberIds.includes(ownerId)) issues.push({ field: 'ownerId', code: 'invalid_choice' })
  const due = text(raw.due)
  if (due !== '' && !isDay(due)) issues.push({ field: 'due', code: 'invalid_period' })
  const status = choice('status', raw.status, ACTION_STATUSES, 'open', issues)
  return {
    definition: { id, title, ownerId, due: due !== '' && isDay(due) ? due : '', status, carriedFrom: carriedFrom(raw.carriedFrom) },
    issues,
  }
}
