// The CSV import's local part: the file's header and first rows read in the browser (papaparse),
// its columns mapped to the import fields by header name (English or Hebrew, as the server does)
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
