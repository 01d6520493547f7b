// The HTTP authorization matrix (docs/permissions.md), cell by cell: every caller — backbone,
// partner executive, participant, a signed-in non-member, anonymous — against every route,
// once with the session cookie (plus CSRF token) and once with a personal access token.
// One table drives it all; each row may prepare what its request consumes (a partner to
// delete, an invitation to revoke, …) so that the rows do not depend on each other. The rows of
// the agenda, measurements and the report card are in helpers/authzDomainRows.ts; every operation
// of API_OPERATIONS has a row, and a row's statuses follow the roles of its operation's action.
import { beforeAll, describe, expect, it } from 'vitest'
import { API_OPERATIONS, roleMay, type Action } from '@common-ground/domain'
import { api, createInitiative, createPartner, createToken, signIn, signUp, type Account } from './helpers/accounts.ts'
import { domainRows, seedDomain, type MatrixWorld } from './helpers/authzDomainRows.ts'
import { meetingRows, seedMeetings } from './helpers/authzMeetingRows.ts'
import {
  ALL,
  BACKBONE,
  CALLERS,
  MEMBER_ROLES,
  MEMBERS,
  SIGNED_IN,
  matrixCall,
  routeShape,
  type Caller,
  type CallerName,
  type Row,
} from './helpers/authzTable.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'

let server: TestServer
let url: string
const people = {} as Record<Exclude<CallerName, 'anonymous'>, Account>
const tokens = {} as Record<Exclude<CallerName, 'anonymous'>, string>
let initiativeId: string
let publishedId: string
let ownPartner: { id: string; documentName: string }
let otherPartner: { id: string; documentName: string }
const world = {} as MatrixWorld

async function backboneCall(method: string, path: string, body?: unknown) {
  const answer = await api(url, method, path, { as: people.backbone, body })
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body
}

async function invite(id: string, role: string, partnerId?: string): Promise<{ id: string; token: string }> {
  const body = await backboneCall('POST', `/api/initiatives/${id}/invitations`, { role, partnerId })
  return { id: body.invitation.id, token: body.token }
}

/** A fresh participant in the main initiative (to change or remove). */
async function freshMember(): Promise<string> {
  const person = await signUp(url, 'Someone To Change')
  const { token } = await invite(initiativeId, 'participant')
  const accepted = await api(url, 'POST', `/api/invitations/${token}/accept`, { as: person })
  expect(accepted.status).toBe(200)
  return person.userId
}

/** A reset link for a fresh member (using it ends that member's sessions only). */
async function resetToken(): Promise<string> {
  const body = await backboneCall('POST', `${i()}/members/${await freshMember()}/password-reset`)
  return body.path.split('/').pop()
}

let counter = 0
const i = () => `/api/initiatives/${initiativeId}`

const ROWS: Row[] = [
  // ——— accounts ———
  {
    route: 'POST /api/auth/signup',
    request: () => ({
      method: 'POST',
      path: '/api/auth/signup',
      body: { email: `new${++counter}@matrix.test`, password: 'a-long-password', name: 'New Person' },
    }),
    expect: ALL(201),
  },
  {
    route: 'POST /api/auth/login',
    request: () => ({ method: 'POST', path: '/api/auth/login', body: { email: people.outsider.email, password: people.outsider.password } }),
    expect: ALL(200),
  },
  { route: 'POST /api/auth/logout', request: () => ({ method: 'POST', path: '/api/auth/logout' }), expect: SIGNED_IN(204) },
  {
    route: 'GET /api/auth/session',
    request: () => ({ method: 'GET', path: '/api/auth/session' }),
    expect: ALL(200),
    check: (body, caller) => {
      if (caller === 'anonymous') expect(body).toEqual({ me: null })
      else expect(body.me.user.id).toBe(people[caller].userId)
    },
  },
  {
    route: 'GET /api/me',
    request: () => ({ method: 'GET', path: '/api/me' }),
    expect: SIGNED_IN(200),
    check: (body, caller) => expect(body.user.id).toBe(people[caller as Exclude<CallerName, 'anonymous'>].userId),
  },
  { route: 'GET /api/me/tokens', request: () => ({ method: 'GET', path: '/api/me/tokens' }), expect: SIGNED_IN(200) },
  { route: 'POST /api/me/tokens', request: () => ({ method: 'POST', path: '/api/me/tokens', body: { name: 'matrix' } }), expect: SIGNED_IN(201) },
  {
    route: 'DELETE /api/me/tokens/:id (own)',
    request: async (caller) => {
      const owner = caller.account ?? people.backbone
      const token = await createToken(url, owner, 'to revoke')
      return { method: 'DELETE', path: `/api/me/tokens/${token.id}` }
    },
    expect: SIGNED_IN(204),
  },
  { route: 'PATCH /api/me', ownAccount: true, request: () => ({ method: 'PATCH', path: '/api/me', body: { name: 'Renamed Person' } }), expect: SIGNED_IN(200) },
  {
    route: 'POST /api/me/password',
    ownAccount: true,
    request: (caller) => ({
      method: 'POST',
      path: '/api/me/password',
      body: { current: caller.account?.password ?? 'whatever', next: 'another-long-password' },
    }),
    expect: SIGNED_IN(204),
  },
  {
    route: 'POST /api/me/sessions/revoke-all',
    ownAccount: true,
    request: () => ({ method: 'POST', path: '/api/me/sessions/revoke-all' }),
    expect: SIGNED_IN(200),
  },
  {
    route: 'DELETE /api/me',
    ownAccount: true,
    request: (caller) => ({ method: 'DELETE', path: '/api/me', body: { password: caller.account?.password ?? 'whatever' } }),
    expect: SIGNED_IN(204),
  },
  {
    route: 'POST /api/initiatives/:id/members/:userId/password-reset',
    request: async () => ({ method: 'POST', path: `${i()}/members/${await freshMember()}/password-reset` }),
    expect: BACKBONE(201),
  },
  {
    route: 'GET /api/password-resets/:token',
    request: async () => ({ method: 'GET', path: `/api/password-resets/${await resetToken()}` }),
    expect: ALL(200),
  },
  {
    route: 'POST /api/password-resets/:token',
    request: async () => ({ method: 'POST', path: `/api/password-resets/${await resetToken()}`, body: { password: 'a-reset-password' } }),
    expect: ALL(200),
  },

  // ——— initiatives ———
  {
    route: 'GET /api/initiatives',
    request: () => ({ method: 'GET', path: '/api/initiatives' }),
    expect: SIGNED_IN(200),
    check: (body, caller) => {
      const ids = body.initiatives.map((x: { id: string }) => x.id)
      if (caller === 'outsider') expect(ids).not.toContain(initiativeId)
      else expect(ids).toContain(initiativeId)
    },
  },
  {
    route: 'POST /api/initiatives',
    request: () => ({ method: 'POST', path: '/api/initiatives', body: { name: 'Another one', languages: ['en'] } }),
    expect: SIGNED_IN(201),
  },
  {
    route: 'GET /api/initiatives/:id',
    request: () => ({ method: 'GET', path: i() }),
    expect: MEMBERS(200),
    check: (body, caller) => {
      const role = { backbone: 'backbone', executive: 'partner', participant: 'participant' }[caller as 'backbone']
      expect(body.initiative.role).toBe(role)
      const access = Object.fromEntries(body.initiative.documents.map((d: { name: string; access: string }) => [d.name, d.access]))
      const expected = {
        backbone: { agenda: 'edit', own: 'edit', other: 'edit' },
        executive: { agenda: 'edit', own: 'edit', other: 'read' },
        participant: { agenda: 'read', own: 'read', other: 'read' },
      }[caller as 'backbone']
      expect(access[`i/${initiativeId}/agenda`]).toBe(expected.agenda)
      expect(access[ownPartner.documentName]).toBe(expected.own)
      expect(access[otherPartner.documentName]).toBe(expected.other)
    },
  },
  { route: 'PATCH /api/initiatives/:id', request: () => ({ method: 'PATCH', path: i(), body: { geography: 'Negev' } }), expect: BACKBONE(200) },
  {
    route: 'PUT /api/initiatives/:id/publication',
    // Unpublishing an unpublished agenda changes nothing, so the matrix initiative stays private.
    request: () => ({ method: 'PUT', path: `${i()}/publication`, body: { kind: 'agenda', published: false } }),
    expect: BACKBONE(200),
  },

  // ——— partners ———
  {
    route: 'GET /api/initiatives/:id/partners',
    request: () => ({ method: 'GET', path: `${i()}/partners` }),
    expect: MEMBERS(200),
    check: (body) => expect(body.coverage).toHaveLength(9),
  },
  {
    route: 'POST /api/initiatives/:id/partners',
    request: () => ({ method: 'POST', path: `${i()}/partners`, body: { name: `Partner ${++counter}`, sector: 'business' } }),
    expect: BACKBONE(201),
  },
  {
    route: 'PATCH /api/initiatives/:id/partners/:partnerId (own partner)',
    request: () => ({ method: 'PATCH', path: `${i()}/partners/${ownPartner.id}`, body: { website: 'https://own.example.org' } }),
    expect: { backbone: 200, executive: 200, participant: 403, outsider: 404, anonymous: 401 },
  },
  {
    route: 'PATCH /api/initiatives/:id/partners/:partnerId (another partner)',
    request: () => ({ method: 'PATCH', path: `${i()}/partners/${otherPartner.id}`, body: { website: 'https://other.example.org' } }),
    expect: BACKBONE(200),
    // partner.update is the executives' too, but only for their own partner.
    notAboutRoles: true,
  },
  {
    route: 'DELETE /api/initiatives/:id/partners/:partnerId',
    request: async () => {
      const partner = await createPartner(url, people.backbone, initiativeId, `Doomed ${++counter}`)
      return { method: 'DELETE', path: `${i()}/partners/${partner.id}` }
    },
    expect: BACKBONE(204),
  },

  // ——— members ———
  {
    route: 'GET /api/initiatives/:id/members',
    request: () => ({ method: 'GET', path: `${i()}/members` }),
    expect: MEMBERS(200),
    check: (body) => expect(body.members.length).toBeGreaterThanOrEqual(3),
  },
  {
    route: 'PATCH /api/initiatives/:id/members/:userId',
    request: async () => ({ method: 'PATCH', path: `${i()}/members/${await freshMember()}`, body: { role: 'partner', partnerId: otherPartner.id } }),
    expect: BACKBONE(200),
  },
  {
    route: 'DELETE /api/initiatives/:id/members/:userId (someone else)',
    request: async () => ({ method: 'DELETE', path: `${i()}/members/${await freshMember()}` }),
    expect: BACKBONE(204),
  },

  // ——— invitations ———
  { route: 'GET /api/initiatives/:id/invitations', request: () => ({ method: 'GET', path: `${i()}/invitations` }), expect: BACKBONE(200) },
  {
    route: 'POST /api/initiatives/:id/invitations',
    request: () => ({ method: 'POST', path: `${i()}/invitations`, body: { role: 'participant' } }),
    expect: BACKBONE(201),
  },
  {
    route: 'DELETE /api/initiatives/:id/invitations/:invitationId',
    request: async () => ({ method: 'DELETE', path: `${i()}/invitations/${(await invite(initiativeId, 'participant')).id}` }),
    expect: BACKBONE(204),
  },
  {
    route: 'GET /api/invitations/:token',
    request: async () => ({ method: 'GET', path: `/api/invitations/${(await invite(initiativeId, 'partner', ownPartner.id)).token}` }),
    expect: ALL(200),
    check: (body) => expect(body.invitation).toMatchObject({ role: 'partner', partner: { id: ownPartner.id }, status: 'pending' }),
  },
  {
    route: 'POST /api/invitations/:token/accept (an initiative the caller is not in)',
    request: async () => {
      const other = await backboneCall('POST', '/api/initiatives', { name: `Elsewhere ${++counter}`, languages: ['en'] })
      return { method: 'POST', path: `/api/invitations/${(await invite(other.initiative.id, 'participant')).token}/accept` }
    },
    expect: { ...SIGNED_IN(200), backbone: 409 },
  },
  {
    route: 'POST /api/invitations/:token/accept (an initiative the caller is in)',
    request: async () => ({ method: 'POST', path: `/api/invitations/${(await invite(initiativeId, 'participant')).token}/accept` }),
    expect: { backbone: 409, executive: 409, participant: 409, outsider: 200, anonymous: 401 },
    // The outsider joined: make them an outsider again.
    after: async (caller, status) => {
      if (caller.name === 'outsider' && status === 200) await backboneCall('DELETE', `${i()}/members/${people.outsider.userId}`)
    },
  },

  // ——— audit ———
  { route: 'GET /api/initiatives/:id/audit', request: () => ({ method: 'GET', path: `${i()}/audit` }), expect: BACKBONE(200) },

  // ——— document access ———
  {
    route: 'GET /api/access (unpublished agenda)',
    request: () => ({ method: 'GET', path: `/api/access?document=${encodeURIComponent(`i/${initiativeId}/agenda`)}` }),
    expect: { backbone: 200, executive: 200, participant: 200, outsider: 404, anonymous: 404 },
    check: (body, caller) => expect(body.access).toBe(caller === 'participant' ? 'read' : 'edit'),
  },
  {
    route: 'GET /api/access (published agenda)',
    request: () => ({ method: 'GET', path: `/api/access?document=${encodeURIComponent(`i/${publishedId}/agenda`)}` }),
    expect: ALL(200),
    // Only the backbone is a member of the published initiative.
    check: (body, caller) => expect(body.access).toBe(caller === 'backbone' ? 'edit' : 'read'),
  },
  {
    route: 'GET /api/access (own partner page)',
    request: () => ({ method: 'GET', path: `/api/access?document=${encodeURIComponent(ownPartner.documentName)}` }),
    expect: { backbone: 200, executive: 200, participant: 200, outsider: 404, anonymous: 404 },
    check: (body, caller) => expect(body.access).toBe(caller === 'participant' ? 'read' : 'edit'),
  },
  {
    route: 'GET /api/access (another partner page)',
    request: () => ({ method: 'GET', path: `/api/access?document=${encodeURIComponent(otherPartner.documentName)}` }),
    expect: { backbone: 200, executive: 200, participant: 200, outsider: 404, anonymous: 404 },
    check: (body, caller) => expect(body.access).toBe(caller === 'backbone' ? 'edit' : 'read'),
  },
  {
    route: 'GET /api/access (a name outside any initiative)',
    request: () => ({ method: 'GET', path: '/api/access?document=loose%2Fnotes' }),
    expect: { backbone: 404, executive: 404, participant: 404, outsider: 404, anonymous: 404 },
  },
  {
    route: 'GET /api/public/initiatives',
    request: () => ({ method: 'GET', path: '/api/public/initiatives' }),
    expect: ALL(200),
    check: (body) => {
      const ids = body.initiatives.map((i: { id: string }) => i.id)
      expect(ids).toContain(publishedId)
      expect(ids).not.toContain(initiativeId)
    },
  },
  {
    route: 'GET /api/public/initiatives/:id (published)',
    request: () => ({ method: 'GET', path: `/api/public/initiatives/${publishedId}` }),
    expect: ALL(200),
  },
  {
    route: 'GET /api/public/initiatives/:id (unpublished)',
    request: () => ({ method: 'GET', path: `/api/public/initiatives/${initiativeId}` }),
    expect: ALL(404),
  },
  {
    route: 'GET /api/documents',
    request: () => ({ method: 'GET', path: '/api/documents' }),
    expect: ALL(200),
    check: (body, caller) => {
      const names = body.documents.map((d: { name: string }) => d.name)
      const member = caller === 'backbone' || caller === 'executive' || caller === 'participant'
      expect(names.includes(`i/${initiativeId}/agenda`)).toBe(member)
      expect(names).toContain(`i/${publishedId}/agenda`)
    },
  },
  {
    route: 'GET /api/documents/:name (unpublished agenda)',
    request: () => ({ method: 'GET', path: `/api/documents/i/${initiativeId}/agenda` }),
    expect: { backbone: 200, executive: 200, participant: 200, outsider: 404, anonymous: 404 },
    notFoundCode: 'document_not_found',
  },
  { route: 'GET /api/health', request: () => ({ method: 'GET', path: '/api/health' }), expect: ALL(200) },
  {
    route: 'GET /api/openapi.json',
    request: () => ({ method: 'GET', path: '/api/openapi.json' }),
    expect: ALL(200),
    check: (body) => expect(body.openapi).toMatch(/^3\.1/),
  },
  {
    route: 'GET /api/docs',
    request: () => ({ method: 'GET', path: '/api/docs' }),
    expect: ALL(200),
    check: (_body, _caller, type) => expect(type).toContain('text/html'),
  },
  { route: 'GET /api/docs/:file', request: () => ({ method: 'GET', path: '/api/docs/swagger-ui.css' }), expect: ALL(200) },

  // ——— the common agenda, measurements, the report card ———
  ...domainRows(world),

  // ——— meetings ———
  ...meetingRows(world),
]

beforeAll(async () => {
  server = await startTestServer({ access: 'enforced' })
  url = server.url
  people.backbone = await signUp(url, 'Backbone Person')
  people.executive = await signUp(url, 'Executive Person')
  people.participant = await signUp(url, 'Participant Person')
  people.outsider = await signUp(url, 'Outsider Person')
  initiativeId = (await createInitiative(url, people.backbone, 'Matrix initiative')).id
  ownPartner = await createPartner(url, people.backbone, initiativeId, 'Own Partner', 'government')
  otherPartner = await createPartner(url, people.backbone, initiativeId, 'Other Partner', 'health')
  for (const [who, role, partnerId] of [
    ['executive', 'partner', ownPartner.id],
    ['participant', 'participant', undefined],
  ] as const) {
    const { token } = await invite(initiativeId, role, partnerId)
    expect((await api(url, 'POST', `/api/invitations/${token}/accept`, { as: people[who] })).status).toBe(200)
  }
  publishedId = (await createInitiative(url, people.backbone, 'Published initiative')).id
  await backboneCall('PUT', `/api/initiatives/${publishedId}/publication`, { kind: 'agenda', published: true })
  for (const who of ['backbone', 'executive', 'participant', 'outsider'] as const) tokens[who] = (await createToken(url, people[who])).secret
  Object.assign(world, {
    url,
    syncUrl: server.syncUrl,
    initiativeId,
    publishedId,
    backbone: people.backbone,
    ownPartnerId: ownPartner.id,
  } satisfies MatrixWorld)
  await seedDomain(world)
  await seedMeetings(world)
})

async function callerFor(name: CallerName, via: 'cookie' | 'token', row: Row): Promise<Caller> {
  if (name === 'anonymous') return { name, account: null, token: null }
  if (row.ownAccount) {
    const account = await signUp(url, `Own account of ${name}`)
    return { name, account, token: (await createToken(url, account)).secret }
  }
  // Signing out ends the session it is called with: give that row a session of its own.
  const account = row.route === 'POST /api/auth/logout' && via === 'cookie' ? await signIn(url, people[name].email, people[name].password) : people[name]
  return { name, account, token: tokens[name] }
}

for (const via of ['cookie', 'token'] as const) {
  describe(`HTTP authorization matrix (${via === 'cookie' ? 'session cookie + CSRF token' : 'bearer token'})`, () => {
    for (const row of ROWS) {
      for (const name of CALLERS) {
        if (via === 'token' && name === 'anonymous') continue
        const status = row.expect[name]
        it(`${row.route} — ${name} → ${status}`, async () => {
          const caller = await callerFor(name, via, row)
          const request = await row.request(caller, via)
          const answer = await matrixCall(url, request, via === 'cookie' ? { as: caller.account } : { token: caller.token ?? undefined })
          await row.after?.(caller, answer.status)
          expect(answer.status, JSON.stringify(answer.body)).toBe(status)
          if (status >= 400) {
            expect(answer.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }))
            const notFound = typeof row.notFoundCode === 'function' ? row.notFoundCode(name) : (row.notFoundCode ?? 'not_found')
            const code = { 401: 'unauthenticated', 403: 'forbidden', 404: notFound, 409: 'already_member' }[status]
            if (code) expect(answer.body.error.code).toBe(code)
          } else if (row.check) {
            row.check(answer.body, name, answer.contentType)
          }
        })
      }
    }
  })
}

describe('HTTP authorization: the table covers every operation', () => {
  const operations = Object.entries(API_OPERATIONS).map(([id, op]) => ({
    id,
    shape: `${op.method.toUpperCase()} ${routeShape(op.path)}`,
    action: 'action' in op ? (op.action as Action) : undefined,
  }))

  it.each(operations)('$id ($shape) has a row', ({ shape }) => {
    expect(
      ROWS.some((row) => routeShape(row.route) === shape),
      `no row of the authorization matrix for ${shape}: add one (test/integration/authzMatrix.test.ts or helpers/authzDomainRows.ts)`,
    ).toBe(true)
  })

  it.each(operations.filter((o) => o.action))("$id: each role's status follows the roles of its action ($action)", ({ shape, action }) => {
    for (const row of ROWS.filter((r) => routeShape(r.route) === shape && !r.notAboutRoles)) {
      for (const [caller, role] of Object.entries(MEMBER_ROLES) as [CallerName, (typeof MEMBER_ROLES)[keyof typeof MEMBER_ROLES]][]) {
        const status = row.expect[caller]
        const allowed = roleMay(role, action!)
        // Allowed: a success, or a business rule (a conflict, a partner that is not one's own). Not allowed: 403.
        if (allowed) expect(status, `${row.route}: ${caller} may ${action}`).not.toBe(403)
        else expect(status, `${row.route}: ${caller} may not ${action}`).toBe(403)
      }
      expect(row.expect.outsider, `${row.route}: a non-member`).toBe(404)
      expect(row.expect.anonymous, `${row.route}: anonymous`).toBe(401)
    }
  })
})

describe('HTTP authorization: the rules behind the table', () => {
  it('an unknown initiative is 404 for everyone signed in, 401 for anonymous', async () => {
    expect((await api(url, 'GET', '/api/initiatives/nosuchthing', { as: people.backbone })).status).toBe(404)
    expect((await api(url, 'GET', '/api/initiatives/nosuchthing/partners', { as: people.outsider })).status).toBe(404)
    expect((await api(url, 'GET', '/api/initiatives/nosuchthing')).status).toBe(401)
  })

  it('every member may leave, except the last backbone', async () => {
    const { id } = await createInitiative(url, people.backbone, 'Leaving')
    const { token } = await invite(id, 'participant')
    await api(url, 'POST', `/api/invitations/${token}/accept`, { as: people.participant })
    expect((await api(url, 'DELETE', `/api/initiatives/${id}/members/${people.participant.userId}`, { as: people.participant })).status).toBe(204)
    expect((await api(url, 'GET', `/api/initiatives/${id}`, { as: people.participant })).status).toBe(404)
    const last = await api(url, 'DELETE', `/api/initiatives/${id}/members/${people.backbone.userId}`, { as: people.backbone })
    expect(last.status).toBe(409)
    expect(last.body.error.code).toBe('last_backbone')
    const demote = await api(url, 'PATCH', `/api/initiatives/${id}/members/${people.backbone.userId}`, { as: people.backbone, body: { role: 'participant' } })
    expect(demote.status).toBe(409)
    expect(demote.body.error.code).toBe('last_backbone')
    // With a second backbone, the first may step down.
    const second = await invite(id, 'backbone')
    await api(url, 'POST', `/api/invitations/${second.token}/accept`, { as: people.outsider })
    expect((await api(url, 'DELETE', `/api/initiatives/${id}/members/${people.backbone.userId}`, { as: people.backbone })).status).toBe(204)
  })

  it('a partner with executives cannot be deleted; a role change to partner needs a partner of this initiative', async () => {
    const answer = await api(url, 'DELETE', `${i()}/partners/${ownPartner.id}`, { as: people.backbone })
    expect(answer.status).toBe(409)
    expect(answer.body.error.code).toBe('partner_has_executives')
    const noPartner = await api(url, 'PATCH', `${i()}/members/${people.participant.userId}`, { as: people.backbone, body: { role: 'partner' } })
    expect(noPartner.status).toBe(400)
    expect(noPartner.body.error).toMatchObject({ code: 'validation_failed', fields: { partnerId: 'required' } })
    const foreign = await api(url, 'PATCH', `${i()}/members/${people.participant.userId}`, {
      as: people.backbone,
      body: { role: 'partner', partnerId: 'nope' },
    })
    expect(foreign.status).toBe(400)
    expect(foreign.body.error.fields).toEqual({ partnerId: 'not_found' })
  })

  it('a bearer token that proves nothing is refused, even on public routes', async () => {
    const answer = await api(url, 'GET', `/api/public/initiatives/${publishedId}`, { token: 'cgp_not-a-real-token' })
    expect(answer.status).toBe(401)
    expect(answer.body.error.code).toBe('unauthenticated')
  })
})
