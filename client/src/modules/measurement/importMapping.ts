// The CSV import's local part: the file's header and first rows read in the browser (papaparse),
// its columns mapped to the import fields by header name (English, Hebrew or Arabic, as the server does)
// and the mapping as the import route's `mapping` query parameter.
import Papa from 'papaparse'
import { IMPORT_FIELDS, importFieldOfHeader, REQUIRED_IMPORT_FIELDS, type ImportField } from '@common-ground/domain'

export type ImportMapping = Partial<Record<ImportField, string>>

/** Each field → the first column whose header names it. */
export function autoMap(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {}
  for (const header of headers) {
    const field = importFieldOfHeader(header)
    if (field && mapping[field] === undefined) mapping[field] = header.replace(/^\uFEFF/, '').trim()
  }
  return mapping
}

export interface CsvPreview {
  headers: string[]
  rows: string[][]
}

/** The header row and the first `count` data rows of a CSV text. */
export function previewCsv(text: string, count = 5): CsvPreview {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: count + 1, skipEmptyLines: 'greedy' })
  const [headers = [], ...rows] = parsed.data
  return { headers: headers.map((h) => h.trim()), rows }
}

/** The fields a mapping still lacks. */
export function missingFields(mapping: ImportMapping): ImportField[] {
  return REQUIRED_IMPORT_FIELDS.filter((field) => !mapping[field])
}

/** The `mapping` query parameter: JSON `{ field: header }` of the mapped fields. */
export function mappingParam(mapping: ImportMapping): string {
  const entries = IMPORT_FIELDS.flatMap((field) => (mapping[field] ? [[field, mapping[field]] as const] : []))
  return JSON.stringify(Object.fromEntries(entries))
}

/** An .xlsx workbook (by name or type): read in the browser and imported as CSV. */
export function isWorkbook(file: { name: string; type: string }): boolean {
  return file.name.toLowerCase().endsWith('.xlsx') || file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
}

export class WorkbookUnreadable extends Error {}

/** A cell of a worksheet as the text a CSV would hold; a date is the month it falls in (periods are months at the finest). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 7)
  if (typeof value === 'object') {
    const cell = value as { result?: unknown; text?: unknown; richText?: { text: string }[] }
    if (cell.richText) return cell.richText.map((run) => run.text).join('')
    if (cell.text !== undefined) return cellText(cell.text)
    if (cell.result !== undefined) return cellText(cell.result)
    return ''
  }
  return String(value)
}

/** The first worksheet of an .xlsx workbook as CSV text (exceljs, loaded only when a workbook is chosen). */
export async function workbookToCsv(file: Blob): Promise<string> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(await file.arrayBuffer())
  } catch (error) {
    throw new WorkbookUnreadable(error instanceof Error ? error.message : String(error))
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new WorkbookUnreadable('The workbook has no worksheet.')
  const rows: string[][] = []
  const width = sheet.columnCount
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    for (let column = 1; column <= width; column++) cells.push(cellText(row.getCell(column).value).trim())
    rows.push(cells)
  })
  return Papa.unparse(rows)
}
