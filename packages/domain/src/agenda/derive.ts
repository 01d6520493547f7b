// The agenda's derivation: from the agenda document's editor fragment to the records of its
// structured blocks — goals, indicators, glossary terms — each with its validation issues. Used
// by the server for the read model and by the client for the messages on the blocks.
//
// Never throws and never drops a block: a block with bad content is a record with issues; two
// blocks with the same id (a copy-paste) are two records, the second keyed `<id>~2` with a
// `duplicate` issue on `id`. Incremental: a block's fields are re-checked only when its
// attributes (or the validation context) changed; the cross-block rules (goal links, duplicate
// ids and terms, goal order) are re-run on every pass, they are cheap.
import * as Y from 'yjs'
import type { IndicatorDefinition, ValidationContext, ValidationIssue } from '../indicators/definition.ts'
import {
  agendaBlockKind,
  checkGlossaryTerm,
  checkGoal,
  checkIndicatorBlock,
  type AgendaBlockKind,
  type Checked,
  type GlossaryDefinition,
  type GoalDefinition,
} from './blocks.ts'

interface BlockDefinitions {
  goal: GoalDefinition
  indicator: IndicatorDefinition
  glossaryTerm: GlossaryDefinition
}

export interface BlockRecord<K extends AgendaBlockKind = AgendaBlockKind> {
  kind: K
  /** Unique within the document: the block id, `<id>~<n>` for a repeated one, `<kind>@<n>` for a block without id. */
  id: string
  /** The `id` attribute as written (may be empty or repeated). */
  blockId: string
  /** Index among the agenda's structured blocks, in document order. */
  position: number
  definition: BlockDefinitions[K]
  issues: ValidationIssue[]
}

export type GoalRecord = BlockRecord<'goal'>
export type IndicatorRecord = BlockRecord<'indicator'>
export type GlossaryRecord = BlockRecord<'glossaryTerm'>

export interface AgendaRecords {
  /** In the agenda's order of goals: by `order`, then document order. */
  goals: GoalRecord[]
  /** In document order; `definition.goalId` is the goal the indicator is under. */
  indicators: IndicatorRecord[]
  glossary: GlossaryRecord[]
}

export interface DerivedAgenda extends AgendaRecords {
  /** Records that are new or whose fields or issues changed since the previous pass. */
  changed: string[]
  /** Records of the previous pass that are gone. */
  removed: string[]
}

interface CacheEntry {
  attributes: string
  contextVersion: number
  checked: Checked<BlockDefinitions[AgendaBlockKind]>
}

/** The structured blocks of a fragment in document order (nested blocks included). */
export function agendaBlockElements(fragment: Y.XmlFragment): { kind: AgendaBlockKind; element: Y.XmlElement }[] {
  const found: { kind: AgendaBlockKind; element: Y.XmlElement }[] = []
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      const kind = agendaBlockKind(child.nodeName)
      if (kind) found.push({ kind, element: child })
      else visit(child)
    }
  }
  visit(fragment)
  return found
}

const comparable = (record: BlockRecord) => JSON.stringify([record.kind, record.definition, record.issues])

export class AgendaDeriver {
  private context: ValidationContext
  private contextVersion = 0
  private cache = new WeakMap<Y.XmlElement, CacheEntry>()
  private previous = new Map<string, string>()
  /** How many block field checks have run (for tests and metrics). */
  checks = 0

  constructor(context: ValidationContext) {
    this.context = context
  }

  /** A new context (the initiative's partners changed): indicators are re-checked on the next pass. */
  setContext(context: ValidationContext): void {
    if (JSON.stringify(context) === JSON.stringify(this.context)) return
    this.context = context
    this.contextVersion++
  }

  private check(kind: AgendaBlockKind, element: Y.XmlElement): Checked<BlockDefinitions[AgendaBlockKind]> {
    const raw = element.getAttributes() as Record<string, unknown>
    const attributes = JSON.stringify(raw)
    const cached = this.cache.get(element)
    const contextVersion = kind === 'indicator' ? this.contextVersion : 0
    if (cached && cached.attributes === attributes && cached.contextVersion === contextVersion) return cached.checked
    this.checks++
    const checked = kind === 'goal' ? checkGoal(raw) : kind === 'glossaryTerm' ? checkGlossaryTerm(raw) : checkIndicatorBlock(raw, this.context)
    this.cache.set(element, { attributes, contextVersion, checked })
    return checked
  }

  derive(fragment: Y.XmlFragment): DerivedAgenda {
    const records: BlockRecord[] = []
    const seen = new Map<string, number>()
    agendaBlockElements(fragment).forEach(({ kind, element }, position) => {
      const checked = this.check(kind, element)
      const blockId = checked.definition.id
      const issues = [...checked.issues]
      let id = blockId === '' ? `${kind}@${position}` : blockId
      const count = (seen.get(id) ?? 0) + 1
      seen.set(id, count)
      if (count > 1) {
        issues.push({ field: 'id', code: 'duplicate' })
        id = `${id}~${count}`
      }
      records.push({ kind, id, blockId, position, definition: { ...checked.definition, id }, issues } as BlockRecord)
    })

    const goals = records.filter((r): r is GoalRecord => r.kind === 'goal')
    const goalIds = new Set(goals.map((g) => g.id))
    let currentGoal: string | null = null
    const indicators: IndicatorRecord[] = []
    const glossary: GlossaryRecord[] = []
    const terms = new Map<string, string>()
    for (const record of records) {
      if (record.kind === 'goal') currentGoal = record.id
      else if (record.kind === 'indicator') {
        const indicator = record as IndicatorRecord
        const written = indicator.definition.goalId
        if (written !== null && !goalIds.has(written)) {
          indicator.issues.push({ field: 'goalId', code: 'unknown_goal' })
          indicator.definition.goalId = currentGoal
        } else if (written === null) {
          indicator.definition.goalId = currentGoal
          if (currentGoal === null) indicator.issues.push({ field: 'goalId', code: 'required' })
        }
        indicators.push(indicator)
      } else {
        const term = record as GlossaryRecord
        const key = normaliseTerm(term.definition.term)
        if (key !== '' && terms.has(key)) term.issues.push({ field: 'term', code: 'duplicate' })
        else if (key !== '') terms.set(key, term.id)
        glossary.push(term)
      }
    }
    goals.sort((a, b) => (a.definition.order ?? Infinity) - (b.definition.order ?? Infinity) || a.position - b.position)

    const next = new Map<string, string>()
    const changed: string[] = []
    for (const record of records) {
      const value = comparable(record)
      next.set(record.id, value)
      if (this.previous.get(record.id) !== value) changed.push(record.id)
    }
    const removed = [...this.previous.keys()].filter((id) => !next.has(id))
    this.previous = next
    return { goals, indicators, glossary, changed, removed }
  }
}

/** A term as compared for duplicates and matching: Unicode NFC, lower case, single spaces. */
export function normaliseTerm(term: string): string {
  return term.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase()
}

/** One-shot derivation of a whole agenda document. */
export function deriveAgenda(fragment: Y.XmlFragment, context: ValidationContext): AgendaRecords {
  const { goals, indicators, glossary } = new AgendaDeriver(context).derive(fragment)
  return { goals, indicators, glossary }
}
