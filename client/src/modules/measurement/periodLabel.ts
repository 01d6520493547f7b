// A reporting period in the UI language: a month by Intl (`Mar 2026`, `מרץ 2026`), a quarter and a
// school year through the area's strings, a year as its number.
import type { TFunction } from 'i18next'
import { parsePeriod } from '@common-ground/domain'
import { intlLocale } from '../../i18n/locale.ts'

const monthFormats = new Map<string, Intl.DateTimeFormat>()

export function periodLabel(id: string, language: string, t: TFunction): string {
  const period = parsePeriod(id)
  if (!period) return id
  switch (period.kind) {
    case 'month': {
      let format = monthFormats.get(language)
      if (!format) {
        format = new Intl.DateTimeFormat(intlLocale(language), { month: 'short', year: 'numeric', timeZone: 'UTC' })
        monthFormats.set(language, format)
      }
      return format.format(new Date(period.start))
    }
    case 'quarter':
      return t('measurement.period.quarter', { quarter: id.slice(-1), year: id.slice(0, 4) })
    case 'school_year':
      return t('measurement.period.schoolYear', { period: id })
    case 'year':
      return id
  }
}
