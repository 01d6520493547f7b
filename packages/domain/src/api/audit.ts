// GET /api/initiatives/:id/audit: the filtered audit log of one initiative.
import * as z from 'zod'
import { AUDIT_ACTION_MAX, AUDIT_LIMIT_MAX, ID_MAX, fields } from './fields.ts'

// ——— request (query string) ———
export const auditQuery = z.object({
  action: z.string().max(AUDIT_ACTION_MAX).optional().meta({ description: 'An action prefix: `auth.` or `auth.signin`.' }),
  actor: z.string().max(ID_MAX).optional().meta({ description: 'A user id.' }),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_LIMIT_MAX).optional().meta({ description: 'Default 100.' }),
})
export type AuditQuery = z.input<typeof auditQuery>

// ——— answer ———
export const AUDIT_TARGET_TYPES = ['user', 'initiative', 'partner', 'invitation', 'token', 'member', 'meeting', 'meetingSeries'] as const

export const auditEntrySchema = z.object({
  id: z.string(),
  at: fields.time,
  action: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable().meta({ description: 'null for a failed sign-in.' }),
  target: z.object({ type: z.enum(AUDIT_TARGET_TYPES), id: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()).meta({ description: 'Depends on the action.' }),
  ip: z.string().nullable(),
})
export type AuditEntry = z.output<typeof auditEntrySchema>

export const auditAnswer = z.object({ entries: z.array(auditEntrySchema) })
export type AuditAnswer = z.output<typeof auditAnswer>
