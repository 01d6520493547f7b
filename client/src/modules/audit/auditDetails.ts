// The audit log's details column in words: what an entry's target and details mean for its
// action ("Role: Participant → Partner executive (City of Be'er Sheva)", "12 rows: 3 new, …"),
// with people and partners by name, roles, sectors and fields by their labels, dates via Intl
// in the interface language. Never a raw `type: … · id: …`: an action this does not know shows
// only the plain values of its details.
import type { TFunction } from 'i18next'
import type { AuditEntry } from '../../api/types.ts'
import { formatDate } from '../../screens/format.ts'

export interface AuditNames {
  /** A member's name by user id (null: not a member any more). */
  person: (userId: string) => string | null
  /** A partner's name by id (null: deleted). */
  partner: (partnerId: string) => string | null
}

const K = 'newcomer.audit'

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

function roleWithPartner(t: TFunction, names: AuditNames, role: unknown, partnerId: unknown): string | null {
  const r = str(role)
  if (!r) return null
  const label = t(`roles.${r}`, { defaultValue: r })
  const partner = str(partnerId)
  return partner ? t(`${K}.roleAtPartner`, { role: label, partner: names.partner(partner) ?? t(`${K}.formerPartner`) }) : label
}

function fieldList(t: TFunction, prefix: 'initiative' | 'partner', fields: unknown): string | null {
  if (!Array.isArray(fields) || fields.length === 0) return null
  const labels = fields.filter((f): f is string => typeof f === 'string').map((f) => t(`${K}.fields.${prefix}.${f}`, { defaultValue: f }))
  return t(`${K}.changed`, { fields: labels.join(t('common.listSeparator')) })
}

/** The details of one entry as phrases, in the interface language. */
export function auditDetails(t: TFunction, entry: AuditEntry, names: AuditNames, language: string): string[] {
  const d = entry.details ?? {}
  const targetId = entry.target?.id ?? null
  const quoted = (value: unknown) => (str(value) ? t(`${K}.quoted`, { text: str(value) }) : null)
  const person = () => (entry.target?.type === 'member' && targetId ? (names.person(targetId) ?? t(`${K}.formerMember`)) : null)
  const partner = () => (entry.target?.type === 'partner' && targetId ? names.partner(targetId) : null)
  const parts: (string | null)[] = []
  switch (entry.action) {
    case 'auth.signup':
    case 'auth.signin':
    case 'auth.signin_failed':
    case 'auth.signout':
      break
    case 'token.created':
    case 'token.revoked':
    case 'initiative.created':
    case 'document.version_named':
      parts.push(quoted(d.name))
      break
    case 'initiative.updated':
      parts.push(fieldList(t, 'initiative', d.fields))
      break
    case 'partner.created':
      parts.push(quoted(d.name), str(d.sector) ? t(`${K}.sector`, { sector: t(`sectors.${str(d.sector)}`, { defaultValue: str(d.sector) }) }) : null)
      break
    case 'partner.updated':
      parts.push(partner() ? quoted(partner()) : null, fieldList(t, 'partner', d.fields))
      break
    case 'partner.deleted':
      parts.push(quoted(d.name))
      break
    case 'member.role_changed': {
      const from = d.from as { role?: unknown; partnerId?: unknown } | undefined
      const to = d.to as { role?: unknown; partnerId?: unknown } | undefined
      const before = roleWithPartner(t, names, from?.role, from?.partnerId)
      const after = roleWithPartner(t, names, to?.role, to?.partnerId)
      parts.push(person(), before && after ? t(`${K}.roleChange`, { from: before, to: after }) : null)
      break
    }
    case 'member.removed':
    case 'member.left': {
      const role = roleWithPartner(t, names, d.role, d.partnerId)
      parts.push(person(), role ? t(`${K}.wasRole`, { role }) : null)
      break
    }
    case 'invitation.created': {
      const role = roleWithPartner(t, names, d.role, d.partnerId)
      const expires = str(d.expiresAt)
      parts.push(str(d.email), role ? t(`${K}.asRole`, { role }) : null, expires ? t(`${K}.expires`, { date: formatDate(expires, language) }) : null)
      break
    }
    case 'invitation.accepted': {
      const role = roleWithPartner(t, names, d.role, d.partnerId)
      parts.push(role ? t(`${K}.asRole`, { role }) : null)
      break
    }
    case 'agenda.endorsed':
      parts.push(
        partner() ? t(`${K}.forPartner`, { partner: partner() }) : null,
        num(d.version) !== null ? t(`${K}.version`, { version: num(d.version) }) : null,
      )
      break
    case 'measurement.approved':
    case 'measurement.returned':
    case 'measurement.decided':
      parts.push(t(`${K}.decided`, { approved: num(d.approved) ?? 0, returned: num(d.returned) ?? 0 }))
      break
    case 'measurement.imported':
      parts.push(t(`${K}.imported`, { count: num(d.rows) ?? 0, created: num(d.created) ?? 0, updated: num(d.updated) ?? 0, unchanged: num(d.unchanged) ?? 0 }))
      break
    case 'document.restored':
      parts.push(num(d.version) !== null ? t(`${K}.restoredVersion`, { version: num(d.version) }) : null)
      break
    default:
      // An action this does not know yet: its plain values, never ids or types.
      for (const value of Object.values(d)) if (typeof value === 'string' || typeof value === 'number') parts.push(String(value))
  }
  if (entry.ip) parts.push(t(`${K}.ip`, { ip: entry.ip }))
  return parts.filter((part): part is string => part !== null && part !== '')
}
