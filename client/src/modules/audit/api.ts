// The audit module's API call: the initiative's audit log, filtered (GET /api/initiatives/:id/audit).
import type { AuditAnswer, AuditQuery } from '@common-ground/domain'
import { api } from '../../api/http.ts'
import { enc, signalOnly } from '../../api/endpoints.ts'

/** The query's fields; `limit` a number (the schema coerces the query string's text). */
export type AuditFilter = Omit<AuditQuery, 'limit'> & { limit?: number }

/** The filter as a query string: empty and unset fields left out. */
export function auditQueryString(filter: AuditFilter): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value))
  const qs = query.toString()
  return qs ? `?${qs}` : ''
}

export function listAudit(id: string, filter: AuditFilter, signal?: AbortSignal) {
  return api<AuditAnswer>('GET', `/api/initiatives/${enc(id)}/audit${auditQueryString(filter)}`, signalOnly(signal))
}
