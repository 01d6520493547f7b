// /api/initiatives: initiatives, their partners (with sector coverage), members, invitations
// and audit log. Every route authorizes through requireMember / requireAction (authz.ts); the
// request and answer schemas are packages/domain/src/api/ (initiatives, partners, members, invitations, audit).
import { Hono } from 'hono'
import {
  AUDIT_LIMIT_DEFAULT,
  INVITATION_EXPIRY_DAYS_DEFAULT,
  agendaDocumentName,
  agendaTemplateBlocks,
  auditQuery,
  createInitiativeBody,
  createInvitationBody,
  createPartnerBody,
  partnerDocumentName,
  publicationBody,
  roleMay,
  updateInitiativeBody,
  updateMemberBody,
  updatePartnerBody,
  type AuditAnswer,
  type CreatedInvitationAnswer,
  type InitiativeAnswer,
  type InitiativeListAnswer,
  type InvitationListAnswer,
  type MemberAnswer,
  type MemberListAnswer,
  type PartnerAnswer,
  type PartnerListAnswer,
} from '@common-ground/domain'
import type { DocumentWriter } from '../documents/initialDocument.ts'
import { ApiError } from './ApiError.ts'
import { actorOf, requireAction, requireMember, requireUser, type AppEnv } from './authz.ts'
import { body, parseWith } from './validate.ts'
import { auditView, initiativeView, invitationView, memberView, partnerView, sectorCoverage } from './views.ts'

export function initiativeRoutes(deps: { documents: DocumentWriter }) {
  return (
    new Hono<AppEnv>()
      // ——— initiatives ———
      .get('/', (c) => {
        const principal = requireUser(c)
        const directory = c.get('directory')
        const initiatives = directory
          .membershipsOf(principal.userId)
          .map((m) => directory.initiative(m.initiativeId))
          .filter((i) => i !== undefined)
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        return c.json({ initiatives: initiatives.map((i) => initiativeView(directory, i, principal)) } satisfies InitiativeListAnswer)
      })
      .post('/', async (c) => {
        const actor = actorOf(c)
        const input = await body(c, createInitiativeBody)
        const directory = c.get('directory')
        const initiative = await directory.createInitiative(
          { name: input.name, description: input.description ?? '', languages: input.languages, geography: input.geography ?? '' },
          actor,
        )
        await deps.documents.create(agendaDocumentName(initiative.id), agendaTemplateBlocks(input.agendaTemplate, initiative), actor.userId)
        return c.json({ initiative: initiativeView(directory, initiative, requireUser(c)) } satisfies InitiativeAnswer, 201)
      })
      .get('/:id', (c) => {
        const { initiative, principal } = requireMember(c, c.req.param('id'))
        return c.json({ initiative: initiativeView(c.get('directory'), initiative, principal) } satisfies InitiativeAnswer)
      })
      .patch('/:id', async (c) => {
        const { initiative, principal } = requireAction(c, c.req.param('id'), 'initiative.update')
        const input = await body(c, updateInitiativeBody)
        const directory = c.get('directory')
        const updated = await directory.updateInitiative(initiative.id, input, actorOf(c))
        return c.json({ initiative: initiativeView(directory, updated, principal) } satisfies InitiativeAnswer)
      })
      .put('/:id/publication', async (c) => {
        const { initiative, principal } = requireAction(c, c.req.param('id'), 'initiative.publish')
        const input = await body(c, publicationBody)
        const directory = c.get('directory')
        const updated = await directory.setPublished(initiative.id, input.kind, input.published, actorOf(c))
        return c.json({ initiative: initiativeView(directory, updated, principal) } satisfies InitiativeAnswer)
      })

      // ——— partners ———
      .get('/:id/partners', (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
        const directory = c.get('directory')
        const partners = directory.partners(initiative.id)
        return c.json({ partners: partners.map((p) => partnerView(directory, p)), ...sectorCoverage(partners) } satisfies PartnerListAnswer)
      })
      .post('/:id/partners', async (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'partner.create')
        const input = await body(c, createPartnerBody)
        const directory = c.get('directory')
        const partner = await directory.createPartner(
          initiative.id,
          { name: input.name, sector: input.sector, website: input.website ?? '', color: input.color ?? null },
          actorOf(c),
        )
        await deps.documents.create(partnerDocumentName(initiative.id, partner.id), [{ type: 'heading', level: 1, text: partner.name }], actorOf(c).userId)
        return c.json({ partner: partnerView(directory, partner) } satisfies PartnerAnswer, 201)
      })
      .patch('/:id/partners/:partnerId', async (c) => {
        const { initiative, membership } = requireAction(c, c.req.param('id'), 'partner.update')
        const directory = c.get('directory')
        const partner = directory.partner(initiative.id, c.req.param('partnerId'))
        if (!partner) throw new ApiError(404, 'not_found', 'No such partner.')
        // Partner executives may edit their own organisation only.
        if (membership.role === 'partner' && membership.partnerId !== partner.id)
          throw new ApiError(403, 'forbidden', 'You can edit only your own organisation.')
        const input = await body(c, updatePartnerBody)
        const updated = await directory.updatePartner(initiative.id, partner.id, input, actorOf(c))
        return c.json({ partner: partnerView(directory, updated) } satisfies PartnerAnswer)
      })
      .delete('/:id/partners/:partnerId', async (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'partner.delete')
        await c.get('directory').deletePartner(initiative.id, c.req.param('partnerId'), actorOf(c))
        return c.body(null, 204)
      })

      // ——— members ———
      .get('/:id/members', (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'member.read')
        const directory = c.get('directory')
        const members = directory.members(initiative.id).map((m) => memberView(directory, m))
        return c.json({ members: members.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt)) } satisfies MemberListAnswer)
      })
      .patch('/:id/members/:userId', async (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'member.update')
        const input = await body(c, updateMemberBody)
        const directory = c.get('directory')
        const membership = await directory.changeRole(initiative.id, c.req.param('userId'), input.role, input.partnerId ?? null, actorOf(c))
        return c.json({ member: memberView(directory, membership) } satisfies MemberAnswer)
      })
      .delete('/:id/members/:userId', async (c) => {
        const { initiative, principal, membership } = requireMember(c, c.req.param('id'))
        const target = c.req.param('userId')
        // Anyone may leave; removing somebody else takes member.remove.
        if (target !== principal.userId && !roleMay(membership.role, 'member.remove')) {
          throw new ApiError(403, 'forbidden', 'Your role does not allow this.')
        }
        await c.get('directory').removeMember(initiative.id, target, actorOf(c))
        return c.body(null, 204)
      })

      // ——— invitations ———
      .get('/:id/invitations', (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'invitation.read')
        const directory = c.get('directory')
        return c.json({ invitations: directory.invitations(initiative.id).map((i) => invitationView(directory, i)) } satisfies InvitationListAnswer)
      })
      .post('/:id/invitations', async (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'invitation.create')
        const input = await body(c, createInvitationBody)
        const directory = c.get('directory')
        const { invitation, token } = await directory.createInvitation(
          initiative.id,
          {
            role: input.role,
            partnerId: input.partnerId ?? null,
            email: input.email ?? null,
            expiresInDays: input.expiresInDays ?? INVITATION_EXPIRY_DAYS_DEFAULT,
          },
          actorOf(c),
        )
        return c.json({ invitation: invitationView(directory, invitation), token, path: `/invite/${token}` } satisfies CreatedInvitationAnswer, 201)
      })
      .delete('/:id/invitations/:invitationId', async (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'invitation.revoke')
        await c.get('directory').revokeInvitation(initiative.id, c.req.param('invitationId'), actorOf(c))
        return c.body(null, 204)
      })

      // ——— audit ———
      .get('/:id/audit', (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'audit.read')
        const q = parseWith(auditQuery, c.req.query())
        const directory = c.get('directory')
        const entries = directory.queryAudit(initiative.id, {
          actionPrefix: q.action,
          actorId: q.actor,
          since: q.since && new Date(q.since).toISOString(),
          until: q.until && new Date(q.until).toISOString(),
          limit: q.limit ?? AUDIT_LIMIT_DEFAULT,
        })
        return c.json({ entries: entries.map((e) => auditView(directory, e)) } satisfies AuditAnswer)
      })
  )
}
