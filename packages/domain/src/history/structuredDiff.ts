// The compare of two versions of a structured document: the agenda's blocks (goals, indicators,
// glossary terms — their records from agenda/derive.ts) and the measurement sheet's cells (root
// map `cells`, measurements/sheet.ts) as a list of changed items and fields, old → new.
import * as Y from 'yjs'
import { EDITOR_FRAGMENT } from '../documents/kinds.ts'
import { deriveAgenda, type AgendaRecords, type BlockRecord } from '../agenda/derive.ts'
import { SHEET_CELLS } from '../measurements/sheet.ts'

export type ItemKind = 'goal' | 'indicator' | 'glossaryTerm' | 'cell'

export interface FieldChange {
  field: string
  old: unknown
  new: unknown
}

export interface ItemChange {
  kind: ItemKind
  /** The record id (block id) or the cell key. */
  id: string
  change: 'added' | 'removed' | 'changed'
  /** What people call the item (a goal's statement, an indicator's name, a term), from its newer side; absent for cells. */
  label?: string
  /** The fields that differ (for added: every field with `old` null; for removed: `new` null). */
  fields: FieldChange[]
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** Field by field, over the union of both objects' keys (in a stable order). */
export function fieldChanges(before: Readonly<Record<string, unknown>> | null, after: Readonly<Record<string, unknown>> | null): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort()
  const out: FieldChange[] = []
  for (const field of keys) {
    const old = before?.[field] ?? null
    const now = after?.[field] ?? null
    if (!same(old, now)) out.push({ field, old, new: now })
  }
  return out
}

/** Item by item: added, removed, changed (items keep their order: those of `after`, then the removed). */
export function itemChanges(
  kind: ItemKind,
  before: ReadonlyMap<string, Record<string, unknown>>,
  after: ReadonlyMap<string, Record<string, unknown>>,
  labelField?: string,
): ItemChange[] {
  const out: ItemChange[] = []
  const named = (record: Record<string, unknown>) => {
    const label = labelField ? record[labelField] : undefined
    return typeof label === 'string' && label !== '' ? { label } : {}
  }
  for (const [id, now] of after) {
    const old = before.get(id)
    if (!old) out.push({ kind, id, change: 'added', ...named(now), fields: fieldChanges(null, now) })
    else {
      const fields = fieldChanges(old, now)
      if (fields.length > 0) out.push({ kind, id, change: 'changed', ...named(now), fields })
    }
  }
  for (const [id, old] of before) if (!after.has(id)) out.push({ kind, id, change: 'removed', ...named(old), fields: fieldChanges(old, null) })
  return out
}

const definitions = (records: readonly BlockRecord[]): Map<string, Record<string, unknown>> =>
  new Map(records.map((r) => [r.id, r.definition as unknown as Record<string, unknown>]))

/** The agenda's structured blocks that changed between two derivations. */
export function diffAgendaRecords(before: AgendaRecords, after: AgendaRecords): ItemChange[] {
  return [
    ...itemChanges('goal', definitions(before.goals), definitions(after.goals), 'statement'),
    ...itemChanges('indicator', definitions(before.indicators), definitions(after.indicators), 'name'),
    ...itemChanges('glossaryTerm', definitions(before.glossary), definitions(after.glossary), 'term'),
  ]
}

/** The agenda blocks changed between two versions of an agenda document. */
export function diffAgendaDocs(before: Y.Doc, after: Y.Doc, partnerIds: readonly string[]): ItemChange[] {
  const context = { partnerIds }
  return diffAgendaRecords(deriveAgenda(before.getXmlFragment(EDITOR_FRAGMENT), context), deriveAgenda(after.getXmlFragment(EDITOR_FRAGMENT), context))
}

function cellsOf(doc: Y.Doc): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>()
  const cells = doc.getMap<unknown>(SHEET_CELLS)
  for (const key of [...cells.keys()].sort()) {
    const cell = cells.get(key)
    out.set(key, cell instanceof Y.Map ? (cell.toJSON() as Record<string, unknown>) : { value: cell })
  }
  return out
}

/** The measurement cells changed between two versions of a sheet (raw fields as written). */
export function diffSheetDocs(before: Y.Doc, after: Y.Doc): ItemChange[] {
  return itemChanges('cell', cellsOf(before), cellsOf(after))
}
