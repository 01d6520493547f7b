// Invitations: created by the backbone under /api/initiatives/:id/invitations, previewed and
// accepted through the link's token under /api/invitations/:token.
import * as z from 'zod'
import { roleSchema } from './common.ts'
import { INVITATION_EXPIRY_DAYS_MAX, INVITATION_EXPIRY_DAYS_MIN, fields } from './fields.ts'
import { partnerIdField, rolePartner } from './members.ts'

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const
export const invitationStatusSchema = z.enum(INVITATION_STATUSES)
export type InvitationStatus = z.output<typeof invitationStatusSchema>

// ——— requests ———
export const createInvitationBody = z
  .object({
    role: roleSchema,
    partnerId: partnerIdField,
    email: z
      .preprocess((v) => (v === '' ? null : v), fields.email.nullable().optional())
      .meta({ description: 'A note for the backbone (anyone holding the link may accept it); empty counts as none.' }),
    expiresInDays: z.number().int().min(INVITATION_EXPIRY_DAYS_MIN).max(INVITATION_EXPIRY_DAYS_MAX).optional().meta({ description: 'Default 7.' }),
  })
  .superRefine(rolePartner)
export type CreateInvitationBody = z.input<typeof createInvitationBody>

// ——— answers ———
export const invitationSchema = z.object({
  id: z.string(),
  role: roleSchema,
  partnerId: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: fields.time,
  expiresAt: fields.time,
  createdBy: z.string().meta({ description: 'A user id.' }),
  status: invitationStatusSchema,
  acceptedBy: z.string().nullable().meta({ description: 'A user id; null until accepted.' }),
})
export type Invitation = z.output<typeof invitationSchema>

export const invitationListAnswer = z.object({ invitations: z.array(invitationSchema) })
export type InvitationListAnswer = z.output<typeof invitationListAnswer>

export const createdInvitationAnswer = z.object({
  invitation: invitationSchema,
  token: z.string().meta({ description: 'Shown this once; stored hashed.' }),
  path: z.string().meta({ description: '`/invite/<token>`' }),
})
export type CreatedInvitationAnswer = z.output<typeof createdInvitationAnswer>

const named = z.object({ id: z.string(), name: z.string() })

export const invitationPreviewSchema = z.object({
  initiative: named,
  role: roleSchema,
  partner: named.nullable(),
  expiresAt: fields.time,
  status: invitationStatusSchema,
})
export type InvitationPreview = z.output<typeof invitationPreviewSchema>

export const invitationPreviewAnswer = z.object({ invitation: invitationPreviewSchema })
export type InvitationPreviewAnswer = z.output<typeof invitationPreviewAnswer>

export const acceptedInvitationAnswer = z.object({ initiativeId: z.string(), role: roleSchema, partnerId: z.string().nullable() })
export type AcceptedInvitationAnswer = z.output<typeof acceptedInvitationAnswer>
