// /api/invitations/:token — the link's preview (no sign-in) and its acceptance (signed in).
import { Hono } from 'hono'
import type { AcceptedInvitationAnswer, InvitationPreviewAnswer } from '@common-ground/domain'
import { ApiError } from './ApiError.ts'
import { actorOf, type AppEnv } from './authz.ts'

export function invitationRoutes() {
  return new Hono<AppEnv>()
    .get('/:token', (c) => {
      const directory = c.get('directory')
      const invitation = directory.invitationByToken(c.req.param('token'))
      const initiative = invitation && directory.initiative(invitation.initiativeId)
      if (!invitation || !initiative) throw new ApiError(404, 'invitation_not_found', 'No such invitation.')
      const partner = invitation.partnerId ? directory.partner(initiative.id, invitation.partnerId) : undefined
      return c.json({
        invitation: {
          initiative: { id: initiative.id, name: initiative.name },
          role: invitation.role,
          partner: partner ? { id: partner.id, name: partner.name } : null,
          expiresAt: invitation.expiresAt,
          status: directory.invitationStatus(invitation),
        },
      } satisfies InvitationPreviewAnswer)
    })
    .post('/:token/accept', async (c) => {
      const actor = actorOf(c)
      const membership = await c.get('directory').acceptInvitation(c.req.param('token'), actor)
      return c.json({ initiativeId: membership.initiativeId, role: membership.role, partnerId: membership.partnerId } satisfies AcceptedInvitationAnswer)
    })
}
