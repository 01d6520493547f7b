// Invitations end to end over real HTTP: create → preview (no sign-in) → accept with a new
// account (sign-up, then accept) or an existing one; the role and partner come from the
// invitation; links are single-use, expire, and can be revoked.
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createInitiative, createPartner, signIn, signUp, type Account } from './helpers/accounts.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'

let server: TestServer
let url: string
let backbone: Account
let initiativeId: string
let partner: { id: string; documentName: string }
/** The server's clock: tests move it forward to expire invitations. */
let clockOffsetMs = 0

beforeAll(async () => {
  server = await startTestServer({ access: 'enforced', clock: () => Date.now() + clockOffsetMs })
  url = server.url
  backbone = await signUp(url, 'Dana Backbone')
  initiativeId = (await createInitiative(url, backbone, 'Invitations initiative')).id
  partner = await createPartner(url, backbone, initiativeId, 'City Education Department', 'government')
})

async function createInvitation(body: Record<string, unknown>) {
  const answer = await api(url, 'POST', `/api/initiatives/${initiativeId}/invitations`, { as: backbone, body })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return answer.body as { invitation: { id: string; role: string; partnerId: string | null; status: string; expiresAt: string }; token: string; path: string }
}

describe('invitations', () => {
  it('a new person: preview without signing in, sign up, accept — and is a partner executive of the right partner', async () => {
    const created = await createInvitation({ role: 'partner', partnerId: partner.id, email: 'Exec@Example.org', expiresInDays: 3 })
    expect(created.path).toBe(`/invite/${created.token}`)
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(created.invitation).toMatchObject({ role: 'partner', partnerId: partner.id, status: 'pending' })
    const inThreeDays = Date.now() + 3 * 24 * 3600 * 1000
    expect(Math.abs(Date.parse(created.invitation.expiresAt) - inThreeDays)).toBeLessThan(60_000)

    const preview = await api(url, 'GET', `/api/invitations/${created.token}`)
    expect(preview.status).toBe(200)
    expect(preview.body.invitation).toEqual({
      initiative: { id: initiativeId, name: 'Invitations initiative' },
      role: 'partner',
      partner: { id: partner.id, name: 'City Education Department' },
      expiresAt: created.invitation.expiresAt,
      status: 'pending',
    })

    const person = await signUp(url, 'Eli Executive')
    const accepted = await api(url, 'POST', `/api/invitations/${created.token}/accept`, { as: person })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ initiativeId, role: 'partner' })

    const me = await api(url, 'GET', '/api/me', { as: person })
    expect(me.body.memberships).toEqual([{ initiativeId, role: 'partner', partnerId: partner.id }])
    const initiative = await api(url, 'GET', `/api/initiatives/${initiativeId}`, { as: person })
    expect(initiative.body.initiative).toMatchObject({ role: 'partner', partnerId: partner.id })
    const page = initiative.body.initiative.documents.find((d: { name: string }) => d.name === partner.documentName)
    expect(page.access).toBe('edit')

    const list = await api(url, 'GET', `/api/initiatives/${initiativeId}/invitations`, { as: backbone })
    const listed = list.body.invitations.find((x: { id: string }) => x.id === created.invitation.id)
    expect(listed).toMatchObject({ status: 'accepted', acceptedBy: person.userId, email: 'exec@example.org', createdBy: backbone.userId })
    // The invitation list never shows the token.
    expect(JSON.stringify(list.body)).not.toContain(created.token)

    const members = await api(url, 'GET', `/api/initiatives/${initiativeId}/members`, { as: backbone })
    expect(members.body.members).toContainEqual(
      expect.objectContaining({ userId: person.userId, name: 'Eli Executive', role: 'partner', partnerId: partner.id }),
    )
    const partners = await api(url, 'GET', `/api/initiatives/${initiativeId}/partners`, { as: backbone })
    expect(partners.body.partners.find((p: { id: string }) => p.id === partner.id).memberCount).toBe(1)
  })

  it('an existing account signs in and accepts; the role comes from the invitation', async () => {
    const existing = await signUp(url, 'Rivka Participant')
    const created = await createInvitation({ role: 'participant' })
    const session = await signIn(url, existing.email, existing.password)
    const accepted = await api(url, 'POST', `/api/invitations/${created.token}/accept`, { as: session })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ initiativeId, role: 'participant', partnerId: null })
    const initiative = await api(url, 'GET', `/api/initiatives/${initiativeId}`, { as: session })
    expect(initiative.body.initiative.role).toBe('participant')
    expect(initiative.body.initiative.documents.every((d: { access: string }) => d.access === 'read')).toBe(true)
  })

  it('is single-use: a second accept is refused with 410 invitation_used, and the preview says accepted', async () => {
    const created = await createInvitation({ role: 'participant' })
    const first = await signUp(url, 'First')
    const second = await signUp(url, 'Second')
    expect((await api(url, 'POST', `/api/invitations/${created.token}/accept`, { as: first })).status).toBe(200)
    const again = await api(url, 'POST', `/api/invitations/${created.token}/accept`, { as: second })
    expect(again.status).toBe(410)
    expect(again.body.error.code).toBe('invitation_used')
    expect((await api(url, 'GET', `/api/initiatives/${initiativeId}`, { as: second })).status).toBe(404)
    expect((await api(url, 'GET', `/api/invitations/${created.token}`)).body.invitation.status).toBe('accepted')
    // Revoking an accepted invitation is a conflict, not a silent success.
    const revoke = await api(url, 'DELETE', `/api/initiatives/${initiativeId}/invitations/${created.invitation.id}`, { as: backbone })
    expect(revoke.status).toBe(409)
  })

  it('two people accepting the same link at once: exactly one gets in', async () => {
    const created = await createInvitation({ role: 'participant' })
    const [a, b] = await Promise.all([signUp(url, 'Racer A'), signUp(url, 'Racer B')])
    const answers = await Promise.all([a, b].map((as) => api(url, 'POST', `/api/invitations/${created.token}/accept`, { as })))
    expect(answers.map((x) => x.status).sort()).toEqual([200, 410])
  })

  it('expires: after its expiry it can no longer be accepted (410 invitation_expired)', async () => {
    const created = await createInvitation({ role: 'participant', expiresInDays: 1 })
    const person = await signUp(url, 'Late Person')
    clockOffsetMs = 24 * 3600 * 1000 + 60_000
    try {
      const preview = await api(url, 'GET', `/api/invitations/${created.token}`)
      expect(preview.body.invitation.status).toBe('expired')
      const late = await api(url, 'POST', `/api/invitations/${created.token}/accept`, { as: person })
      expect(late.status).toBe(410)
      expect(late.body.error.code).toBe('invitation_expired')
      const list = await api(url, 'GET', `/api/initiatives/${initiativeId}/invitations`, { as: backbone })
      expect(list.body.invitations.find((x: { id: string }) => x.id === created.invitation.id).status).toBe('expired')
    } finally {
      clockOffsetMs = 0
    }
  })

  it('expires (set through the directory): an expiry in the past refuses the link', async () => {
    const created = await createInvitation({ role: 'participant' })
    await server.directory.setInvitationExpiry(created.invitation.id, new Date(Date.now() - 1000))
    const person = await signUp(url, 'Another Late Person')
    const late = await api(url, 'POST', `/api/invitations/${created.token}/accept`, { as: person })
    expect(late.status).toBe(410)
    expect(late.body.error.code).toBe('invitation_expired')
  })

  it('can be revoked: the link stops working (410 invitation_revoked) and the list says revoked', async () => {
    const created = await createInvitation({ role: 'backbone' })
    const revoke = await api(url, 'DELETE', `/api/initiatives/${initiativeId}/invitations/${created.invitation.id}`, { as: backbone })
    expect(revoke.status).toBe(204)
    const person = await signUp(url, 'Too Late')
    const answer = await api(url, 'POST', `/api/invitations/${created.token}/accept`, { as: person })
    expect(answer.status).toBe(410)
    expect(answer.body.error.code).toBe('invitation_revoked')
    expect((await api(url, 'GET', `/api/invitations/${created.token}`)).body.invitation.status).toBe('revoked')
  })

  it('a member cannot accept another invitation to the same initiative (409 already_member); the link stays usable', async () => {
    const created = await createInvitation({ role: 'backbone' })
    const answer = await api(url, 'POST', `/api/invitations/${created.token}/accept`, { as: backbone })
    expect(answer.status).toBe(409)
    expect(answer.body.error.code).toBe('already_member')
    expect((await api(url, 'GET', `/api/invitations/${created.token}`)).body.invitation.status).toBe('pending')
  })

  it('accepting needs an account: anonymous → 401; an unknown token → 404 invitation_not_found', async () => {
    const created = await createInvitation({ role: 'participant' })
    const anonymous = await api(url, 'POST', `/api/invitations/${created.token}/accept`)
    expect(anonymous.status).toBe(401)
    const person = await signUp(url, 'Curious')
    const unknown = await api(url, 'POST', `/api/invitations/${'x'.repeat(43)}/accept`, { as: person })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('invitation_not_found')
    expect((await api(url, 'GET', `/api/invitations/nope`)).body.error.code).toBe('invitation_not_found')
  })

  it('validates: an executive invitation needs a partner of this initiative; other roles take none; expiry 1–30 days', async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ role: 'partner' }, { partnerId: 'required' }],
      [{ role: 'partner', partnerId: 'not-a-partner' }, { partnerId: 'not_found' }],
      [{ role: 'participant', partnerId: partner.id }, { partnerId: 'not_allowed' }],
      [{ role: 'owner' }, { role: 'invalid_value' }],
      [{ role: 'participant', expiresInDays: 31 }, { expiresInDays: 'too_big' }],
      [{ role: 'participant', expiresInDays: 0 }, { expiresInDays: 'too_small' }],
      [{ role: 'participant', email: 'not an email' }, { email: 'invalid_email' }],
      [{}, { role: 'required' }],
    ]
    for (const [body, fields] of cases) {
      const answer = await api(url, 'POST', `/api/initiatives/${initiativeId}/invitations`, { as: backbone, body })
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.error).toMatchObject({ code: 'validation_failed', fields })
    }
  })

  it('deleting a partner revokes its pending executive invitations', async () => {
    const doomed = await createPartner(url, backbone, initiativeId, 'Short-lived Partner', 'business')
    const created = await createInvitation({ role: 'partner', partnerId: doomed.id })
    expect((await api(url, 'DELETE', `/api/initiatives/${initiativeId}/partners/${doomed.id}`, { as: backbone })).status).toBe(204)
    const person = await signUp(url, 'Would-be Executive')
    const answer = await api(url, 'POST', `/api/invitations/${created.token}/accept`, { as: person })
    expect(answer.status).toBe(410)
    expect(answer.body.error.code).toBe('invitation_revoked')
  })

  it('the audit log records creation, acceptance and revocation', async () => {
    const audit = await api(url, 'GET', `/api/initiatives/${initiativeId}/audit?action=invitation.`, { as: backbone })
    expect(audit.status).toBe(200)
    const actions = new Set(audit.body.entries.map((e: { action: string }) => e.action))
    expect(actions).toEqual(new Set(['invitation.created', 'invitation.accepted', 'invitation.revoked']))
    const accepted = audit.body.entries.find((e: { action: string }) => e.action === 'invitation.accepted')
    expect(accepted.actor).toEqual({ id: expect.any(String), name: expect.any(String), email: expect.any(String) })
    expect(accepted.target.type).toBe('invitation')
  })
})
