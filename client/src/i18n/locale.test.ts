// Each interface language's direction and Intl locale: Arabic is right to left and writes Western digits
// whatever the ICU data's default for its region (ar-IL, like ar-EG, defaults to Arabic-Indic digits).
import { describe, expect, it } from 'vitest'
import { directionOf, intlLocale } from './locale.ts'
import { formatDate } from '../screens/format.ts'
import { formatNumber } from '../modules/measurement/labels.ts'
import { formatValue } from '../modules/reportcard/format.ts'

describe('interface locales', () => {
  it('puts Hebrew and Arabic right to left, English left to right', () => {
    expect([directionOf('en'), directionOf('he'), directionOf('ar')]).toEqual(['ltr', 'rtl', 'rtl'])
  })

  it('formats Arabic with Western digits and Arabic words', () => {
    expect(intlLocale('ar')).toBe('ar-u-nu-latn')
    expect(new Intl.NumberFormat('ar-IL').format(1234)).toMatch(/[\u0660-\u0669]/)
    expect(formatNumber(1234.5, 'ar')).toBe('1,234.5')
    const date = formatDate('2026-03-05T12:00:00Z', 'ar')
    expect(date).toMatch(/2026/)
    expect(date).not.toMatch(/[\u0660-\u0669]/)
    const percent = formatValue(68, { valueType: 'percent', unit: '%' }, 'ar', (key) => key)
    expect(percent).toMatch(/68/)
    expect(intlLocale('he')).toBe('he')
  })
})
