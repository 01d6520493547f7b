// /api/initiatives/:id/members: who takes part, with which role; the partnerId rule both
// members and invitations follow.
import * as z from 'zod'
import { roleSchema } from './common.ts'
import { fields } from './fields.ts'

/** `partnerId` belongs to partner executives only: required for `partner`, refused for other roles. */
export function rolePartner<T extends { role: string; partnerId?: string | null | undefined }>(value: T, ctx: z.RefinementCtx) {
  if (value.role === 'partner' && !value.partnerId) ctx.addIssue({ code: 'custom', path: ['partnerId'], params: { code: 'required' }, message: 'required' })
  if (value.role !== 'partner' && value.partnerId)
    ctx.addIssue({ code: 'custom', path: ['partnerId'], params: { code: 'not_allowed' }, message: 'not allowed' })
}

export const partnerIdField = fields.idRef.nullable().optional().meta({ description: 'Required for the role `partner`, refused for others.' })

// ——— requests ———
export const updateMemberBody = z.object({ role: roleSchema, partnerId: partnerIdField }).superRefine(rolePartner)
export type UpdateMemberBody = z.input<typeof updateMemberBody>

// ——— answers ———
export const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  partnerId: z.string().nullable(),
  joinedAt: fields.time,
})
export type Member = z.output<typeof memberSchema>

export const memberListAnswer = z.object({ members: z.array(memberSchema) })
export type MemberListAnswer = z.output<typeof memberListAnswer>

export const memberAnswer = z.object({ member: memberSchema })
export type MemberAnswer = z.output<typeof memberAnswer>
