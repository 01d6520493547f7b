// The structured blocks of the common agenda: goal, indicator and glossary term. Each is a
// ProseMirror atom node inside the agenda's rich text, stored by y-tiptap as a Y.XmlElement of
// the agenda's editor fragment whose attributes are the block's fields (strings, numbers,
// arrays and objects as JSON values). A block has a stable `id` attribute, made when it is
// inserted. The field checks here are the one implementation: the client shows their issues on
// the block, the server stores them on the derived record.
import { checkIndicator, type IndicatorDefinition, type ValidationContext, type ValidationIssue } from '../indicators/definition.ts'

/** The node names of the structured blocks (ProseMirror node type = Y.XmlElement nodeName). */
export const AGENDA_BLOCK_NODES = {
  goal: 'goalBlock',
  indicator: 'indicatorBlock',
  glossaryTerm: 'glossaryTerm',
} as const
export type AgendaBlockKind = keyof typeof AGENDA_BLOCK_NODES
export const AGENDA_BLOCK_KINDS = Object.keys(AGENDA_BLOCK_NODES) as AgendaBlockKind[]

const KIND_OF_NODE = new Map<string, AgendaBlockKind>(AGENDA_BLOCK_KINDS.map((kind) => [AGENDA_BLOCK_NODES[kind], kind]))

/** The block kind of a node name, or null for ordinary rich text. */
export function agendaBlockKind(nodeName: string): AgendaBlockKind | null {
  return KIND_OF_NODE.get(nodeName) ?? null
}

/** Block ids: the kind's letter and 10 random base-36 characters (`g-…`, `i-…`, `t-…`). */
export const BLOCK_ID = /^[git]-[a-z0-9]{4,24}$/
const ID_PREFIX: Record<AgendaBlockKind, string> = { goal: 'g', indicator: 'i', glossaryTerm: 't' }

/** A fresh block id; `random` is injectable for tests (defaults to Math.random). */
export function newBlockId(kind: AgendaBlockKind, random: () => number = Math.random): string {
  let s = ''
  while (s.length < 10) s += Math.floor(random() * 36).toString(36)
  return `${ID_PREFIX[kind]}-${s}`
}

export const GOAL_LIMITS = { statement: 500, population: 200 } as const
export const GLOSSARY_LIMITS = { term: 100, definition: 2000 } as const

export interface GoalDefinition {
  id: string
  statement: string
  /** Who the goal is for, e.g. "children aged 0–6 in the city's southern neighbourhoods". */
  population: string
  /** Its place in the agenda's order of goals (1-based), or null: document order. */
  order: number | null
}

export interface GlossaryDefinition {
  id: string
  term: string
  definition: string
}

/** A field check's result: the fields in normal form (a failed field holds its default) and the problems found. */
export interface Checked<T> {
  definition: T
  issues: ValidationIssue[]
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''
}

function limited(field: string, value: string, max: number, issues: ValidationIssue[]): string {
  if (value.length > max) issues.push({ field, code: 'too_long' })
  return value.slice(0, max)
}

/** Checks a goal block's attributes; never throws. */
export function checkGoal(raw: Record<string, unknown>): Checked<GoalDefinition> {
  const issues: ValidationIssue[] = []
  const id = text(raw.id)
  if (id === '') issues.push({ field: 'id', code: 'required' })
  const statement = limited('statement', text(raw.statement), GOAL_LIMITS.statement, issues)
  if (statement === '') issues.push({ field: 'statement', code: 'required' })
  const population = limited('population', text(raw.population), GOAL_LIMITS.population, issues)
  let order: number | null = null
  const rawOrder = raw.order
  if (rawOrder !== undefined && rawOrder !== null && rawOrder !== '') {
    const n = typeof rawOrder === 'number' ? rawOrder : Number(text(rawOrder))
    if (Number.isInteger(n) && n >= 1 && n <= 1000) order = n
    else issues.push({ field: 'order', code: Number.isFinite(n) ? 'out_of_range' : 'not_a_number' })
  }
  return { definition: { id, statement, population, order }, issues }
}

/** Checks a glossary term block's attributes; never throws. */
export function checkGlossaryTerm(raw: Record<string, unknown>): Checked<GlossaryDefinition> {
  const issues: ValidationIssue[] = []
  const id = text(raw.id)
  if (id === '') issues.push({ field: 'id', code: 'required' })
  const term = limited('term', text(raw.term).replace(/\s+/g, ' '), GLOSSARY_LIMITS.term, issues)
  if (term === '') issues.push({ field: 'term', code: 'required' })
  const definition = limited('definition', text(raw.definition), GLOSSARY_LIMITS.definition, issues)
  if (definition === '') issues.push({ field: 'definition', code: 'required' })
  return { definition: { id, term, definition }, issues }
}

/** Checks an indicator block's attributes (the shared indicator definition check). */
export function checkIndicatorBlock(raw: Record<string, unknown>, context: ValidationContext): Checked<IndicatorDefinition> {
  return checkIndicator(raw, context)
}
