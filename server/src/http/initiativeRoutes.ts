// /api/initiatives: initiatives, their partners (with sector coverage), members, invitations
// and audit log. Every route authorizes through requireMember / requireAction (authz.ts).
import { Hono } from 'hono'
import * as z from 'zod'
import { LANGUAGES, PUBLISHABLE_KINDS, ROLES, SECTORS, agendaDocumentName, partnerDocumentName, roleMay } from '@common-ground/domain'
import type { DocumentWriter } from '../documents/initialDocument.ts'
import { ApiError } from './ApiError.ts'
import { actorOf, requireAction, requireMember, requireUser, type AppEnv } from './authz.ts'
import { body, fields, parseWith } from './validate.ts'
import { auditView, initiativeView, invitationView, memberView, partnerView, sectorCoverage } from './views.ts'

const languages = z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length)

const createInitiativeBody = z.object({
  name: fields.name(120),
  description: fields.text(2000).optional(),
  languages,
  geography: fields.text(200).optional(),
})

const updateInitiativeBody = z.object({
  name: fields.name(120).optional(),
  description: fields.text(2000).optional(),
  languages: languages.optional(),
  geography: fields.text(200).optional(),
})

const publicationBody = z.object({ kind: z.enum(PUBLISHABLE_KINDS), published: z.boolean() })

const createPartnerBody = z.object({
  name: fields.name(120),
  sector: z.enum(SECTORS),
  website: fields.website.optional(),
  color: fields.color.optional(),
})

const updatePartnerBody = z.object({
  name: fields.name(120).optional(),
  sector: z.enum(SECTORS).optional(),
  website: fields.website.optional(),
  color: fields.color.optional(),
})

/** `partnerId` belongs to partner executives only. */
function rolePartner<T extends { role: string; partnerId?: string | null | undefined }>(value: T, ctx: z.RefinementCtx) {
  if (value.role === 'partner' && !value.partnerId) ctx.addIssue({ code: 'custom', path: ['partnerId'], params: { code: 'required' }, message: 'required' })
  if (value.role !== 'partner' && value.partnerId) ctx.addIssue({ code: 'custom', path: ['partnerId'], params: { code: 'not_allowed' }, message: 'not allowed' })
}

const memberBody = z.object({ role: z.enum(ROLES), partnerId: z.string().max(40).nullable().optional() }).superRefine(rolePartner)

const invitationBody = z
  .object({
    role: z.enum(ROLES),
    partnerId: z.string().max(40).nullable().optional(),
    email: z.preprocess((v) => (v === '' ? null : v), fields.email.nullable().optional()),
    expiresInDays: z.number().int().min(1).max(30).optional(),
  })
  .superRefine(rolePartner)

const auditQuery = z.object({
  action: z.string().max(100).optional(),
  actor: z.string().max(40).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
})

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
        return c.json({ initiatives: initiatives.map((i) => initiativeView(directory, i, principal)) })
      })
      .post('/', async (c) => {
        const actor = actorOf(c)
        const input = await body(c, createInitiativeBody)
        const directory = c.get('directory')
        const initiative = await directory.createInitiative(
          { name: input.name, description: input.description ?? '', languages: input.languages, geography: input.geography ?? '' },
          actor,
        )
        await deps.documents.create(agendaDocumentName(initiative.id), [
          { type: 'heading', level: 1, text: initiative.name },
          { type: 'paragraph', text: initiative.description },
        ])
        return c.json({ initiative: initiativeView(directory, initiative, requireUser(c)) }, 201)
      })
      .get('/:id', (c) => {
        const { initiative, principal } = requireMember(c, c.req.param('id'))
        return c.json({ initiative: initiativeView(c.get('directory'), initiative, principal) })
      })
      .patch('/:id', async (c) => {
        const { initiative, principal } = requireAction(c, c.req.param('id'), 'initiative.update')
        const input = await body(c, updateInitiativeBody)
        const directory = c.get('directory')
        const updated = await directory.updateInitiative(initiative.id, input, actorOf(c))
        return c.json({ initiative: initiativeView(directory, updated, principal) })
      })
      .put('/:id/publication', async (c) => {
        const { initiative, principal } = requireAction(c, c.req.param('id'), 'initiative.publish')
        const input = await body(c, publicationBody)
        const directory = c.get('directory')
        const updated = await directory.setPublished(initiative.id, input.kind, input.published, actorOf(c))
        return c.json({ initiative: initiativeView(directory, updated, principal) })
      })

      // ——— partners ———
      .get('/:id/partners', (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
        const directory = c.get('directory')
        const partners = directory.partners(initiative.id)
        return c.json({ partners: partners.map((p) => partnerView(directory, p)), ...sectorCoverage(partners) })
      })
      .post('/:id/partners', async (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'partner.create')
        const input = await body(c, createPartnerBody)
        const directory = c.get('directory')
        const partner = await directory.createPartner(initiative.id, { name: input.name, sector: input.sector, website: input.website ?? '', color: input.color ?? null }, actorOf(c))
        await deps.documents.create(partnerDocumentName(initiative.id, partner.id), [{ type: 'heading', level: 1, text: partner.name }])
        return c.json({ partner: partnerView(directory, partner) }, 201)
      })
      .patch('/:id/partners/:partnerId', async (c) => {
        const { initiative, membership } = requireAction(c, c.req.param('id'), 'partner.update')
        const directory = c.get('directory')
        const partner = directory.partner(initiative.id, c.req.param('partnerId'))
        if (!partner) throw new ApiError(404, 'not_found', 'No such partner.')
        // Partner executives may edit their own organisation only.
        if (membership.role === 'partner' && membership.partnerId !== partner.id) throw new ApiError(403, 'forbidden', 'You can edit only your own organisation.')
        const input = await body(c, updatePartnerBody)
        const updated = await directory.updatePartner(initiative.id, partner.id, input, actorOf(c))
        return c.json({ partner: partnerView(directory, updated) })
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
        return c.json({ members: members.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt)) })
      })
      .patch('/:id/members/:userId', async (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'member.update')
        const input = await body(c, memberBody)
        const directory = c.get('directory')
        const membership = await directory.changeRole(initiative.id, c.req.param('userId'), input.role, input.partnerId ?? null, actorOf(c))
        return c.json({ member: memberView(directory, membership) })
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
        return c.json({ invitations: directory.invitations(initiative.id).map((i) => invitationView(directory, i)) })
      })
      .post('/:id/invitations', async (c) => {
        const { initiative } = requireAction(c, c.req.param('id'), 'invitation.create')
        const input = await body(c, invitationBody)
        const directory = c.get('directory')
        const { invitation, token } = await directory.createInvitation(
          initiative.id,
          { role: input.role, partnerId: input.partnerId ?? null, email: input.email ?? null, expiresInDays: input.expiresInDays ?? 7 },
          actorOf(c),
        )
        return c.json({ invitation: invitationView(directory, invitation), token, path: `/invite/${token}` }, 201)
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
          limit: q.limit ?? 100,
        })
        return c.json({ entries: entries.map((e) => auditView(directory, e)) })
      })
  )
}
