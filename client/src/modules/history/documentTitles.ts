// How the history screens name a document and an item, and where "open" goes: the agenda is the
// initiative's home, a partner page its partner's page, the sheet the measurement section.
import type { TFunction } from 'i18next'
import { parseCellKey, parseDocumentName, type DocumentKind } from '@common-ground/domain'
import { initiativePath, partnerPath, sectionItemPath } from '../../router/routes.ts'

/** The document key in history URLs: the name after `i/<initiativeId>/`. */
export function documentKey(initiativeId: string, documentName: string): string {
  const prefix = `i/${initiativeId}/`
  return documentName.startsWith(prefix) ? documentName.slice(prefix.length) : documentName
}

export function documentOfKey(initiativeId: string, key: string): string {
  return `i/${initiativeId}/${key}`
}

export function historyPath(initiativeId: string, documentName: string, compare?: { from: number; to: number }): string {
  const path = sectionItemPath(initiativeId, 'history', documentKey(initiativeId, documentName))
  return compare ? `${path}?from=${compare.from}&to=${compare.to}` : path
}

export function documentTitle(t: TFunction, documentName: string, partnerNames: ReadonlyMap<string, string>): string {
  const ref = parseDocumentName(documentName)
  if (!ref) return t('history.kinds.document')
  if (ref.kind === 'partner') return t('history.kinds.partner', { name: partnerNames.get(ref.partnerId ?? '') ?? ref.partnerId })
  return t(`history.kinds.${ref.kind satisfies DocumentKind}`)
}

export function documentHref(documentName: string): string {
  const ref = parseDocumentName(documentName)
  if (!ref) return '/'
  if (ref.kind === 'partner') return partnerPath(ref.initiativeId, ref.partnerId ?? '')
  if (ref.kind === 'measurements') return initiativePath(ref.initiativeId, 'measurement')
  return initiativePath(ref.initiativeId)
}

/** A measurement cell's name: indicator · period · partner · category. */
export function cellLabel(key: string, indicatorNames: ReadonlyMap<string, string>, partnerNames: ReadonlyMap<string, string>): string {
  const cell = parseCellKey(key)
  if (!cell) return key
  return [indicatorNames.get(cell.indicatorId) ?? cell.indicatorId, cell.period, partnerNames.get(cell.partnerId) ?? cell.partnerId, cell.category]
    .filter((part) => part !== '')
    .join(' · ')
}

/** A field's label: the agenda's block field labels, then the history's own, then the name spelled out. */
export function fieldLabel(t: TFunction, field: string, exists: (key: string) => boolean): string {
  for (const key of [`agenda.fields.${field}`, `history.fieldNames.${field}`]) if (exists(key)) return t(key)
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

/** A field's value, readable: empty as a dash, numbers in the reader's locale, lists and objects joined. */
export function formatValue(t: TFunction, value: unknown, language: string, partnerNames: ReadonlyMap<string, string>, field = ''): string {
  if (value === null || value === undefined || value === '') return t('history.empty')
  if (typeof value === 'boolean') return t(value ? 'history.yes' : 'history.no')
  if (typeof value === 'number') return new Intl.NumberFormat(language).format(value)
  if (typeof value === 'string') return field.endsWith('PartnerId') || field === 'partnerId' ? (partnerNames.get(value) ?? value) : value
  if (Array.isArray(value)) return value.length === 0 ? t('history.empty') : value.map((v) => formatValue(t, v, language, partnerNames)).join('; ')
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>
    if ('value' in o && 'period' in o) return `${formatValue(t, o.value, language, partnerNames)} (${String(o.period)})`
    return Object.values(o)
      .filter((v) => v !== null && v !== '' && v !== undefined)
      .map((v) => formatValue(t, v, language, partnerNames))
      .join(' · ')
  }
  return String(value)
}

/** A stable colour slot (0–7) for each author of a compare, in the order given. */
export function authorSlots(userIds: readonly (string | null)[]): Map<string, number> {
  const slots = new Map<string, number>()
  for (const id of userIds) if (id !== null && !slots.has(id)) slots.set(id, slots.size % 8)
  return slots
}
