// The CSV import's checks: columns by English or Hebrew header or by an explicit mapping, every
// row checked by the shared cell check and the caller's rights, the report row by row, unchanged
// cells not written again, and unreadable files refused.
import { describe, expect, it } from 'vitest'
import { cellKey, type IndicatorDefinition } from '@common-ground/domain'
import { IMPORT_ERRORS_LISTED, ImportUnreadable, planImport, type ImportCaller } from './csvImport.ts'

const percent: IndicatorDefinition & { version: number } = {
  id: 'i-ready',
  goalId: null,
  name: 'Kindergarten readiness',
  definition: '',
  valueType: 'percent',
  unit: '%',
  rateBase: null,
  polarity: 'higher_is_better',
  baseline: null,
  targets: [],
  frequency: 'yearly',
  dataSource: '',
  ownerPartnerId: null,
  disaggregations: [{ dimension: 'gender', categories: ['girls', 'boys'] }],
  minChange: null,
  version: 3,
}
const partners = [
  { id: 'p-schools', name: 'City schools' },
  { id: 'p-clinic', name: 'Clinic' },
]
const context = { indicators: new Map([[percent.id, percent]]), indicatorList: [percent], partnerIds: partners.map((p) => p.id), partners }
const backbone: ImportCaller = { ownPartnerId: null }
const plan = (text: string, options: { mapping?: Record<string, string>; defaultPartnerId?: string } = {}, caller = backbone, current = {}) =>
  planImport(text, { defaultPartnerId: '', ...options }, context, caller, current)

describe('planImport', () => {
  it('maps English headers, resolves names, and plans one write per row', () => {
    const { report, writes } = plan(
      '\uFEFFIndicator,Period,Partner,Value,Note\r\ni-ready,2023,City schools,55,first\r\nKindergarten readiness,2024,p-clinic,"1,000",\r\n',
    )
    // "1,000" is a thousands separator: 1000 % is out of range.
    expect(report.errors).toEqual([{ row: 2, field: 'value', code: 'out_of_range', value: '1,000' }])
    const good = plan('Indicator,Period,Partner,Value,Note\ni-ready,2023,City schools,55,first\nKindergarten readiness,2024,p-clinic,60,\n')
    expect(good.report).toMatchObject({ rows: 2, created: 2, updated: 0, unchanged: 0, errorCount: 0 })
    expect(good.report.columns).toEqual({ indicator: 'Indicator', period: 'Period', partner: 'Partner', value: 'Value', note: 'Note' })
    expect(good.writes).toEqual([
      {
        coordinates: { indicatorId: 'i-ready', period: '2023', partnerId: 'p-schools', dimension: '', category: '' },
        fields: { value: 55, note: 'first', status: 'submitted', definitionVersion: 3 },
      },
      {
        coordinates: { indicatorId: 'i-ready', period: '2024', partnerId: 'p-clinic', dimension: '', category: '' },
        fields: { value: 60, note: '', status: 'submitted', definitionVersion: 3 },
      },
    ])
    expect(writes).toHaveLength(1)
  })

  it('maps Hebrew headers and an explicit mapping', () => {
    const hebrew = plan('מדד,תקופה,ממד,קטגוריה,ערך,סטטוס\ni-ready,2023,gender,girls,51,טיוטה\n')
    expect(hebrew.report.errorCount).toBe(0)
    expect(hebrew.writes[0]).toMatchObject({ coordinates: { dimension: 'gender', category: 'girls', partnerId: '' }, fields: { value: 51, status: 'draft' } })
    const mapped = plan('code;year;amount\ni-ready;2022;40\n', {
      mapping: { indicator: 'code', period: 'year', value: 'amount' },
      defaultPartnerId: 'p-clinic',
    })
    expect(mapped.writes[0]).toMatchObject({ coordinates: { indicatorId: 'i-ready', period: '2022', partnerId: 'p-clinic' }, fields: { value: 40 } })
  })

  it('maps Arabic headers (with or without the article and vowel marks) and Arabic statuses', () => {
    const arabic = plan('المؤشر,الفترة,البُعد,فئة,القيمة,الحالة\ni-ready,2023,gender,girls,51,مسودة\ni-ready,2024,gender,boys,49,مُرسَلة\n')
    expect(arabic.report.errorCount).toBe(0)
    expect(arabic.writes[0]).toMatchObject({ coordinates: { dimension: 'gender', category: 'girls', partnerId: '' }, fields: { value: 51, status: 'draft' } })
    expect(arabic.writes[1]).toMatchObject({ coordinates: { period: '2024', category: 'boys' }, fields: { value: 49, status: 'submitted' } })
  })

  it('reports every bad row with its field and code', () => {
    const { report, writes } = plan(
      [
        'indicator,period,partner,dimension,category,value,status',
        'i-nope,2023,,,,5,', // unknown indicator
        'i-ready,2023-Q1,,,,5,', // a quarter for a yearly indicator
        'i-ready,2023,Nobody,,,5,', // not a partner
        'i-ready,2023,,gender,others,5,', // unknown category
        'i-ready,2019,,,,abc,', // not a number
        'i-ready,2020,,,,,', // submitted without a value
        'i-ready,2021,,,,5,approved', // the document cannot approve
        'i-ready,2024,,,,5,',
        'i-ready,2024,,,,6,', // the same cell twice
      ].join('\n'),
    )
    expect(report.errors).toEqual([
      { row: 1, field: 'indicator', code: 'invalid_choice', value: 'i-nope' },
      { row: 2, field: 'period', code: 'invalid_period', value: '2023-Q1' },
      { row: 3, field: 'partner', code: 'not_a_partner', value: 'Nobody' },
      { row: 4, field: 'category', code: 'invalid_choice', value: 'others' },
      { row: 5, field: 'value', code: 'not_a_number', value: 'abc' },
      { row: 6, field: 'value', code: 'required', value: '' },
      { row: 7, field: 'status', code: 'invalid_choice', value: 'approved' },
      { row: 9, field: 'row', code: 'duplicate', value: '8' },
    ])
    expect(report.errorCount).toBe(8)
    expect(writes).toHaveLength(1) // the route writes nothing when errorCount > 0
  })

  it("restricts a partner executive to their own partner's rows", () => {
    const executive = { ownPartnerId: 'p-schools' }
    const { report } = plan('indicator,period,partner,value\ni-ready,2023,p-clinic,5\ni-ready,2023,,5\n', { defaultPartnerId: 'p-schools' }, executive)
    expect(report.errors).toEqual([{ row: 1, field: 'partner', code: 'not_your_partner', value: 'p-clinic' }])
  })

  it('counts unchanged and updated cells against the current sheet', () => {
    const key = (period: string) => cellKey({ indicatorId: 'i-ready', period, partnerId: '', dimension: '', category: '' })
    const current = {
      [key('2023')]: { raw: { value: '55', status: 'submitted', definitionVersion: 3 } },
      [key('2024')]: { raw: { value: 60, status: 'submitted', definitionVersion: 2 } },
    }
    const { report, writes } = plan('indicator,period,value\ni-ready,2023,55\ni-ready,2024,60\ni-ready,2025,61\n', {}, backbone, current)
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 1 })
    expect(writes.map((w) => w.coordinates.period)).toEqual(['2024', '2025'])
  })

  it('lists at most 1,000 errors and counts them all', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `i-nope${i},2023,5`)
    const { report } = plan(['indicator,period,value', ...rows].join('\n'))
    expect(report.errors).toHaveLength(IMPORT_ERRORS_LISTED)
    expect(report.errorCount).toBe(1500)
  })

  it('refuses a file that is not a CSV with a header, or a mapping naming no column', () => {
    expect(() => plan('')).toThrow(ImportUnreadable)
    expect(() => plan('just one line of text')).toThrow(ImportUnreadable)
    expect(() => plan('name,age\nDana,5\n')).toThrow(/No column for indicator/)
    expect(() => plan('a\u0000b,c\n')).toThrow(ImportUnreadable)
    expect(() => plan('indicator,period,value\n"i-ready,2023,5\n')).toThrow(ImportUnreadable)
    expect(() => plan('indicator,period,value\n', { mapping: { value: 'amount' } })).toThrow(/amount/)
    expect(() => plan('indicator,period,value\n', { mapping: { colour: 'value' } })).toThrow(/colour/)
  })
})
