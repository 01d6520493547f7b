// CSV import of measurement values, checked before anything is written: the file is parsed
// (papaparse), its columns mapped to IMPORT_FIELDS (by an explicit `mapping` or by header name in
// English or Hebrew), and every row checked with the shared cell check (checkMeasurement) plus
// the caller's rights (a partner executive imports only their own partner's rows). The result is
// the row-by-row report and the cells to write; the route writes them in one transaction, only
// when no row is bad. A cell whose content the row would not change is counted unchanged.
import Papa from 'papaparse'
import {
  IMPORT_FIELDS,
  IMPORT_MAX_ROWS,
  cellKey,
  checkMeasurement,
  readNumber,
  type CellCoordinates,
  importFieldOfHeader,
  REQUIRED_IMPORT_FIELDS,
  type ImportField,
  type ImportReport,
  type ImportRowError,
  type SheetContext,
} from '@common-ground/domain'

/** At most this many row errors are listed in the report (errorCount has them all). */
export const IMPORT_ERRORS_LISTED = 1000

/** Entry statuses a row may give (English, Hebrew or Arabic, vowel marks ignored); an empty cell is `submitted`. */
const STATUS_NAMES: Record<string, 'draft' | 'submitted'> = {
  draft: 'draft',
  submitted: 'submitted',
  טיוטה: 'draft',
  הוגש: 'submitted',
  مسودة: 'draft',
  مرسلة: 'submitted',
  أرسلت: 'submitted',
}

export class ImportUnreadable extends Error {}

export interface ImportCaller {
  /** A partner executive's own partner (every row must be theirs), or null for backbone staff. */
  ownPartnerId: string | null
}

export interface ImportOptions {
  /** `{ field: column header }` (already parsed), or undefined to match by header name. */
  mapping?: Record<string, string>
  /** The partner of rows without a partner column ('' initiative-wide). */
  defaultPartnerId: string
}

export interface CellWrite {
  coordinates: CellCoordinates
  fields: { value: number | string; note?: string; source?: string; status: 'draft' | 'submitted'; definitionVersion: number }
}

export interface ImportPlan {
  report: Omit<ImportReport, 'dryRun' | 'imported'>
  writes: CellWrite[]
}

/** The indicator and partner a row names: an id, or else an exact name. */
function resolver(items: readonly { id: string; name: string }[]): (text: string) => string {
  const byId = new Set(items.map((i) => i.id))
  const byName = new Map<string, string | null>()
  for (const item of items) {
    const name = item.name.trim().toLowerCase()
    byName.set(name, byName.has(name) ? null : item.id)
  }
  return (text) => (byId.has(text) ? text : (byName.get(text.toLowerCase()) ?? text))
}

function columnsOf(headers: readonly string[], mapping: Record<string, string> | undefined): Partial<Record<ImportField, number>> {
  const columns: Partial<Record<ImportField, number>> = {}
  if (mapping) {
    for (const [field, header] of Object.entries(mapping)) {
      if (!(IMPORT_FIELDS as readonly string[]).includes(field)) throw new ImportUnreadable(`The mapping names an unknown field: ${field}.`)
      const index = headers.findIndex((h) => h.replace(/^\uFEFF/, '').trim() === header.trim())
      if (index < 0) throw new ImportUnreadable(`The mapping names a column the file does not have: ${header}.`)
      columns[field as ImportField] = index
    }
  } else {
    headers.forEach((header, index) => {
      const field = importFieldOfHeader(header)
      if (field && columns[field] === undefined) columns[field] = index
    })
  }
  for (const field of REQUIRED_IMPORT_FIELDS) {
    if (columns[field] === undefined) throw new ImportUnreadable(`No column for ${field}.`)
  }
  return columns
}

const sameNumber = (a: unknown, b: unknown) => readNumber(a) === readNumber(b)
const sameText = (a: unknown, b: unknown) => (typeof a === 'string' ? a.trim() : (a ?? '')) === (typeof b === 'string' ? b.trim() : (b ?? ''))

/**
 * Checks a CSV file against the sheet. `current` are the sheet's cells as raw JSON (the read
 * model). Throws ImportUnreadable for a file that is not a CSV with a header row.
 */
export function planImport(
  text: string,
  options: ImportOptions,
  context: SheetContext & { indicatorList: readonly { id: string; name: string; version: number }[]; partners: readonly { id: string; name: string }[] },
  caller: ImportCaller,
  current: Readonly<Record<string, { raw: Record<string, unknown> }>>,
): ImportPlan {
  if (text.includes('\u0000')) throw new ImportUnreadable('The file is not text.')
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' })
  const fatal = parsed.errors.find((e) => e.type === 'Quotes')
  if (fatal) throw new ImportUnreadable(`Row ${fatal.row ?? 0}: ${fatal.message}`)
  const [headers, ...rows] = parsed.data
  if (!headers || headers.length < 2 || headers.every((h) => h.trim() === '')) throw new ImportUnreadable('The file has no header row.')
  if (rows.length > IMPORT_MAX_ROWS) throw new ImportUnreadable(`A file may have at most ${IMPORT_MAX_ROWS} rows.`)
  const columns = columnsOf(headers, options.mapping)
  const indicatorOf = resolver(context.indicatorList)
  const partnerOf = resolver(context.partners)
  const versions = new Map(context.indicatorList.map((i) => [i.id, i.version]))

  const errors: ImportRowError[] = []
  let errorCount = 0
  const fail = (row: number, field: string, code: string, value: string) => {
    errorCount++
    if (errors.length < IMPORT_ERRORS_LISTED) errors.push({ row, field, code, value })
  }
  const writes: CellWrite[] = []
  const seen = new Map<string, number>()
  let created = 0
  let updated = 0
  let unchanged = 0
  const FIELD_OF: Record<string, ImportField> = { indicatorId: 'indicator', partnerId: 'partner' }

  rows.forEach((cells, index) => {
    const row = index + 1
    const get = (field: ImportField) => {
      const column = columns[field]
      return column === undefined ? undefined : (cells[column] ?? '').trim()
    }
    const partnerText = get('partner')
    const coordinates: CellCoordinates = {
      indicatorId: indicatorOf(get('indicator') ?? ''),
      period: get('period') ?? '',
      partnerId: partnerText === undefined || partnerText === '' ? options.defaultPartnerId : partnerOf(partnerText),
      dimension: get('dimension') ?? '',
      category: get('category') ?? '',
    }
    const statusText = get('status') ?? ''
    const status = statusText === '' ? 'submitted' : STATUS_NAMES[statusText.toLowerCase().replace(/[\u064B-\u0652\u0640]/g, '')]
    const valueText = get('value') ?? ''
    const number = readNumber(valueText)
    const fields: CellWrite['fields'] = {
      value: typeof number === 'number' ? number : valueText,
      ...(columns.note !== undefined ? { note: get('note') } : {}),
      ...(columns.source !== undefined ? { source: get('source') } : {}),
      status: status ?? 'submitted',
      definitionVersion: versions.get(coordinates.indicatorId) ?? 0,
    }
    const bad = errorCount
    if (!status) fail(row, 'status', 'invalid_choice', statusText)
    if (caller.ownPartnerId !== null && coordinates.partnerId !== caller.ownPartnerId) fail(row, 'partner', 'not_your_partner', partnerText ?? '')
    const key = cellKey(coordinates)
    const record = checkMeasurement(key, { value: fields.value, note: fields.note, source: fields.source, status: fields.status }, context)
    for (const issue of record.issues) {
      const field = FIELD_OF[issue.field] ?? issue.field
      fail(row, field, issue.code, get(field as ImportField) ?? '')
    }
    const earlier = seen.get(key)
    if (earlier !== undefined) fail(row, 'row', 'duplicate', String(earlier))
    seen.set(key, row)
    if (errorCount > bad) return
    const before = current[key]?.raw
    if (
      before &&
      sameNumber(before.value, fields.value) &&
      (fields.note === undefined || sameText(before.note, fields.note)) &&
      (fields.source === undefined || sameText(before.source, fields.source)) &&
      before.status === fields.status &&
      before.definitionVersion === fields.definitionVersion
    ) {
      unchanged++
      return
    }
    if (before) updated++
    else created++
    writes.push({ coordinates, fields })
  })

  const used: Record<string, string> = {}
  for (const [field, column] of Object.entries(columns)) used[field] = headers[column]!.replace(/^\uFEFF/, '').trim()
  return { report: { rows: rows.length, created, updated, unchanged, columns: used, errors, errorCount }, writes }
}
