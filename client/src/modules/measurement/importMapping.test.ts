// The CSV import's browser side: columns found by their English or Hebrew names (the same list the
// server uses), what is still missing, the mapping parameter and the preview.
import { describe, expect, it } from 'vitest'
import { autoMap, mappingParam, missingFields, previewCsv } from './importMapping.ts'

describe('the CSV import mapping', () => {
  it('maps columns by their English or Hebrew names, ignoring case, spaces and a byte-order mark', () => {
    expect(autoMap(['\uFEFFIndicator ID', 'Period', 'Value', 'Notes'])).toEqual({ indicator: 'Indicator ID', period: 'Period', value: 'Value', note: 'Notes' })
    expect(autoMap(['מדד', 'תקופה', 'ארגון', 'ערך'])).toEqual({ indicator: 'מדד', period: 'תקופה', partner: 'ארגון', value: 'ערך' })
    expect(autoMap(['value', 'Value'])).toEqual({ value: 'value' })
  })

  it('says which required columns are missing', () => {
    expect(missingFields({ indicator: 'a' })).toEqual(['period', 'value'])
    expect(missingFields({ indicator: 'a', period: 'b', value: 'c' })).toEqual([])
  })

  it('sends only the mapped fields, in field order', () => {
    expect(JSON.parse(mappingParam({ value: 'V', indicator: 'I', note: undefined }))).toEqual({ indicator: 'I', value: 'V' })
  })

  it('previews the header and the first rows', () => {
    const preview = previewCsv('\uFEFFindicator, period ,value\na,2024,1\nb,2025,2\nc,2026,3\n', 2)
    expect(preview.headers).toEqual(['indicator', 'period', 'value'])
    expect(preview.rows).toEqual([
      ['a', '2024', '1'],
      ['b', '2025', '2'],
    ])
  })
})
