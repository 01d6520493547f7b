// An .xlsx workbook's first sheet turned into the CSV the import sends: numbers, text, rich text,
// formula results and dates (as their month), and a file that is not a workbook.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { isWorkbook, previewCsv, workbookToCsv, WorkbookUnreadable } from './importMapping.ts'

describe('workbook import', () => {
  it('reads the first worksheet as CSV', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Values')
    sheet.addRow(['מדד', 'תקופה', 'שותף', 'ערך', 'הערה'])
    sheet.addRow(['i-funds000001', 2024, 'foundation', 950000, 'with a, comma'])
    sheet.addRow(['i-mentor00001', new Date(Date.UTC(2025, 2, 1)), '', { formula: 'A1', result: 66 }, { richText: [{ text: 'rich ' }, { text: 'text' }] }])
    workbook.addWorksheet('Ignored').addRow(['not', 'read'])
    const buffer = await workbook.xlsx.writeBuffer()
    const csv = await workbookToCsv(new Blob([buffer]))
    const preview = previewCsv(csv)
    expect(preview.headers).toEqual(['מדד', 'תקופה', 'שותף', 'ערך', 'הערה'])
    expect(preview.rows).toEqual([
      ['i-funds000001', '2024', 'foundation', '950000', 'with a, comma'],
      ['i-mentor00001', '2025-03', '', '66', 'rich text'],
    ])
  })

  it('says when a file is not a workbook', async () => {
    await expect(workbookToCsv(new Blob(['indicator,period\n']))).rejects.toBeInstanceOf(WorkbookUnreadable)
    expect(isWorkbook({ name: 'Values.XLSX', type: '' })).toBe(true)
    expect(isWorkbook({ name: 'values.csv', type: 'text/csv' })).toBe(false)
  })
})
