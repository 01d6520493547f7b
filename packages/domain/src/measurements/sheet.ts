// The measurement sheet: one Yjs document per initiative (`i/<id>/measurements`) where partners
// enter values, co-edited and offline-capable like every document. Its root Y.Map `cells` maps a
// cell key — indicator, period, partner, dimension, category — to a Y.Map of the cell's fields.
// Checking and deriving a cell is one implementation for the grid's messages (client) and the
// read model (server). Approval is not in the document: the server records who approved which
// fingerprint of a cell (a partner cannot forge it by writing into the document), and a value
// counts on the report card only while its cell still has the approved fingerprint.
import * as Y from 'yjs'
import type { IndicatorDefinition, ValidationIssue } from '../indicators/definition.ts'
import { readNumber } from '../indicators/definition.ts'
import { parsePeriod } from '../indicators/periods.ts'
import { FREQUENCY_PERIOD, type MeasurementValue } from '../indicators/status.ts'

/** The root map of a measurement sheet document. */
export const SHEET_CELLS = 'cells'

/** Who wrote a value and how far it is: only backbone staff move it further (approval, on the server). */
export const ENTRY_STATUSES = ['draft', 'submitted'] as const
export type EntryStatus = (typeof ENTRY_STATUSES)[number]

export const MEASUREMENT_LIMITS = { note: 1000, source: 300 } as const

/** What identifies a cell; partner, dimension and category are '' for "all". */
export interface CellCoordinates {
  indicatorId: string
  period: string
  partnerId: string
  dimension: string
  category: string
}

/** The key of a cell in `cells`: its coordinates as a JSON array (categories are free text). */
export function cellKey(c: CellCoordinates): string {
  return JSON.stringify([c.indicatorId, c.period, c.partnerId, c.dimension, c.category])
}

/** The coordinates a key names, or null for a key that is not a cell key. */
export function parseCellKey(key: string): CellCoordinates | null {
  try {
    const parts: unknown = JSON.parse(key)
    if (!Array.isArray(parts) || parts.length !== 5 || !parts.every((p) => typeof p === 'string')) return null
    const [indicatorId, period, partnerId, dimension, category] = parts as string[]
    return { indicatorId: indicatorId!, period: period!, partnerId: partnerId!, dimension: dimension!, category: category! }
  } catch {
    return null
  }
}

export interface MeasurementRecord extends CellCoordinates {
  /** The cell key (the record's id within the sheet). */
  key: string
  /** null when empty or not a number (an issue says which). */
  value: number | null
  note: string
  source: string
  status: EntryStatus
  /** The indicator definition version the value was entered against (0: unknown). */
  definitionVersion: number
  issues: ValidationIssue[]
}

export interface SheetContext {
  indicators: ReadonlyMap<string, IndicatorDefinition>
  partnerIds: readonly string[]
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''
}

/** Checks one cell (its key and the fields of its Y.Map as plain JSON); never throws. */
export function checkMeasurement(key: string, raw: Record<string, unknown>, context: SheetContext): MeasurementRecord {
  const issues: ValidationIssue[] = []
  const coordinates = parseCellKey(key) ?? { indicatorId: '', period: '', partnerId: '', dimension: '', category: '' }
  if (coordinates.indicatorId === '') issues.push({ field: 'indicatorId', code: 'required' })
  const indicator = context.indicators.get(coordinates.indicatorId)
  if (coordinates.indicatorId !== '' && !indicator) issues.push({ field: 'indicatorId', code: 'invalid_choice' })

  const period = parsePeriod(coordinates.period)
  if (!period) issues.push({ field: 'period', code: coordinates.period === '' ? 'required' : 'invalid_period' })
  else if (indicator && period.kind !== FREQUENCY_PERIOD[indicator.frequency]) issues.push({ field: 'period', code: 'invalid_period' })

  if (coordinates.partnerId !== '' && !context.partnerIds.includes(coordinates.partnerId)) issues.push({ field: 'partnerId', code: 'not_a_partner' })
  if (coordinates.dimension === '' && coordinates.category !== '') issues.push({ field: 'dimension', code: 'required' })
  if (coordinates.dimension !== '' && indicator) {
    const dimension = indicator.disaggregations.find((d) => d.dimension === coordinates.dimension)
    if (!dimension) issues.push({ field: 'dimension', code: 'invalid_choice' })
    else if (!dimension.categories.includes(coordinates.category)) issues.push({ field: 'category', code: 'invalid_choice' })
  }

  let value: number | null = null
  const n = readNumber(raw.value)
  if (n === 'invalid') issues.push({ field: 'value', code: 'not_a_number' })
  else if (n !== null) {
    value = n
    const type = indicator?.valueType
    if (type === 'percent' && (n < 0 || n > 100)) issues.push({ field: 'value', code: 'out_of_range' })
    if (type === 'boolean' && n !== 0 && n !== 1) issues.push({ field: 'value', code: 'out_of_range' })
    if (type === 'count' && (n < 0 || !Number.isInteger(n))) issues.push({ field: 'value', code: 'out_of_range' })
    if ((type === 'rate' || type === 'currency') && n < 0) issues.push({ field: 'value', code: 'out_of_range' })
  }

  const note = text(raw.note)
  if (note.length > MEASUREMENT_LIMITS.note) issues.push({ field: 'note', code: 'too_long' })
  const source = text(raw.source)
  if (source.length > MEASUREMENT_LIMITS.source) issues.push({ field: 'source', code: 'too_long' })
  let status: EntryStatus = 'draft'
  if (raw.status !== undefined && raw.status !== null && raw.status !== '') {
    if ((ENTRY_STATUSES as readonly unknown[]).includes(raw.status)) status = raw.status as EntryStatus
    else issues.push({ field: 'status', code: 'invalid_choice' })
  }
  if (status === 'submitted' && value === null && n !== 'invalid') issues.push({ field: 'value', code: 'required' })
  const version = typeof raw.definitionVersion === 'number' && Number.isInteger(raw.definitionVersion) && raw.definitionVersion > 0 ? raw.definitionVersion : 0

  return {
    key,
    ...coordinates,
    period: period?.id ?? coordinates.period,
    value,
    note: note.slice(0, MEASUREMENT_LIMITS.note),
    source: source.slice(0, MEASUREMENT_LIMITS.source),
    status,
    definitionVersion: version,
    issues,
  }
}

/** Every cell of a sheet, checked, in key order. */
export function deriveSheet(cells: Y.Map<unknown>, context: SheetContext): MeasurementRecord[] {
  const records: MeasurementRecord[] = []
  for (const [key, cell] of cells.entries()) {
    const raw = cell instanceof Y.Map ? (cell.toJSON() as Record<string, unknown>) : { value: cell }
    records.push(checkMeasurement(key, raw, context))
  }
  return records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/**
 * What an approval is of: the cell and the exact value, note-independent. The server stores the
 * fingerprint with the approver; a later change of the value (a correction) no longer matches,
 * so it needs approving again, and the approved earlier value stays in the approval history.
 */
export function measurementFingerprint(record: Pick<MeasurementRecord, 'key' | 'value' | 'definitionVersion'>): string {
  return JSON.stringify([record.key, record.value, record.definitionVersion])
}

/** A record as the report card's arithmetic takes it (null when it has no usable value). */
export function measurementValue(record: MeasurementRecord): MeasurementValue | null {
  if (record.value === null || record.issues.length > 0) return null
  return {
    period: record.period,
    value: record.value,
    partnerId: record.partnerId === '' ? null : record.partnerId,
    category: record.dimension === '' ? null : { [record.dimension]: record.category },
  }
}

/** Writes a value into a cell (one transaction; the caller's origin). Creates the cell's map when needed. */
export function writeCell(
  doc: Y.Doc,
  coordinates: CellCoordinates,
  fields: Partial<Record<'value' | 'note' | 'source' | 'status', string | number>> & { definitionVersion?: number },
  origin?: unknown,
): void {
  const cells = doc.getMap<Y.Map<unknown>>(SHEET_CELLS)
  doc.transact(() => {
    const key = cellKey(coordinates)
    let cell = cells.get(key)
    if (!(cell instanceof Y.Map)) {
      cell = new Y.Map<unknown>()
      cells.set(key, cell)
    }
    for (const [field, value] of Object.entries(fields)) if (value !== undefined) cell.set(field, value)
  }, origin)
}
