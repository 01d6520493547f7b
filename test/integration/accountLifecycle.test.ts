// The account a person manages themselves, over real HTTP and real WebSocket connections:
// changing the name and the password (the other sessions end, this one stays), signing out of
// every session (live connections close with 4401), deleting the account (contributions stay
// under the same id as "Former member"; the last backbone member may not), and the one-time
// password reset links backbone staff issue (24 h, single use, stored as a hash). Every step is
// in the audit log.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { FORMER_MEMBER_NAME } from '@common-ground/domain'
import { CloseCode } from '@common-ground/protocol'
import { useCleanup } from './helpers/cleanup.ts'
import { addMember, api, createInitiative, createToken, signIn, signUp, type Account } from './helpers/accounts.ts'
import { rawJoined } from './helpers/clients.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'
import { withTimeout } from './helpers/wait.ts'

useCleanup()

let server: TestServer
let url: string
let clockOffsetMs = 0

// A server per test (the cleanup after each test stops it, with the sockets the test opened).
beforeEach(async () => {
  clockOffsetMs = 0
  server = await startTestServer({ access: 'enforced', clock: () => Date.now() + clockOffsetMs })
  url = server.url
})

const me = (as: Account) => api(url, 'GET', '/api/me', { as })
const audit = async (as: Account, initiativeId: string, action: string) =>
  (await api(url, 'GET', `/api/initiatives/${initiativeId}/audit?action=${encodeURIComponent(action)}`, { as })).body.entries as any[]

describe('name and password', () => {
  it('changes the name; an empty one is a validation error', async () => {
    const person = await signUp(url, 'Old Name')
    const changed = await api(url, 'PATCH', '/api/me', { as: person, body: { name: '  Noa Levi  ' } })
    expect(changed.status).toBe(200)
    expect(changed.body.user).toMatchObject({ id: person.userId, name: 'Noa Levi' })
    expect((await me(person)).body.user.name).toBe('Noa Levi')
    const empty = await api(url, 'PATCH', '/api/me', { as: person, body: { name: '   ' } })
    expect(empty.status).toBe(400)
    expect(empty.body.error).toMatchObject({ code: 'validation_failed', fields: { name: 'too_short' } })
  })

  it('keeps the presence colour with the account: every session sees it, a restart keeps it; a bad colour or an empty change is refused', async () => {
    const person = await signUp(url, 'Colourful')
    expect((await me(person)).body.user.color).toBeNull()
    const chosen = await api(url, 'PATCH', '/api/me', { as: person, body: { color: '#B42318' } })
    expect(chosen.status).toBe(200)
    expect(chosen.body.user).toMatchObject({ name: 'Colourful', color: '#b42318' })
    const elsewhere = await signIn(url, person.email, person.password)
    expect((await me(elsewhere)).body.user.color).toBe('#b42318')
    await server.stop()
    server = await startTestServer({ access: 'enforced', dataDir: server.dataDir })
    url = server.url
    expect((await me(person)).body.user.color).toBe('#b42318')
    const bad = await api(url, 'PATCH', '/api/me', { as: person, body: { color: 'red' } })
    expect([bad.status, bad.body.error.code, Object.keys(bad.body.error.fields)]).toEqual([400, 'validation_failed', ['color']])
    const nothing = await api(url, 'PATCH', '/api/me', { as: person, body: {} })
    expect([nothing.status, nothing.body.error.code]).toEqual([400, 'validation_failed'])
  })

  it('changes the password with the current one: other sessions end (their sockets close with 4401), this one stays', async () => {
    const person = await signUp(url, 'Password Changer')
    const { agenda } = await createInitiative(url, person, 'Password initiative')
    const other = await signIn(url, person.email, person.password)
    const token = await createToken(url, person)
    const mine = await rawJoined(server.syncUrl, agenda, { cookie: person.cookie })
    const theirs = await rawJoined(server.syncUrl, agenda, { cookie: other.cookie })

    const wrong = await api(url, 'POST', '/api/me/password', { as: person, body: { current: 'not-my-password', next: 'a-new-long-password' } })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.code).toBe('wrong_password')
    const weak = await api(url, 'POST', '/api/me/password', { as: person, body: { current: person.password, next: 'short' } })
    expect(weak.status).toBe(400)
    expect(weak.body.error).toMatchObject({ code: 'validation_failed', fields: { next: 'too_short' } })
    const same = await api(url, 'POST', '/api/me/password', { as: person, body: { current: person.password, next: person.password } })
    expect(same.body.error).toMatchObject({ code: 'validation_failed', fields: { next: 'unchanged' } })
    expect((await me(other)).status).toBe(200)

    const changed = await api(url, 'POST', '/api/me/password', { as: person, body: { current: person.password, next: 'a-new-long-password' } })
    expect(changed.status).toBe(204)
    expect((await withTimeout(theirs.closed, 3_000, 'the other session’s socket to close')).code).toBe(CloseCode.Unauthenticated)
    expect((await me(other)).status).toBe(401)
    expect((await me(person)).status).toBe(200)
    expect(mine.ws.readyState).toBe(mine.ws.OPEN)
    // Personal access tokens are separate credentials and stay.
    expect((await api(url, 'GET', '/api/me', { token: token.secret })).status).toBe(200)
    expect((await api(url, 'POST', '/api/auth/login', { body: { email: person.email, password: person.password } })).status).toBe(401)
    expect((await api(url, 'POST', '/api/auth/login', { body: { email: person.email, password: 'a-new-long-password' } })).status).toBe(200)
  })
})

describe('guessing the password from a signed-in session', () => {
  it('is limited like sign-in: after 10 wrong passwords, 429 with Retry-After, even with the right one', async () => {
    const person = await signUp(url, 'Borrowed Session')
    for (let i = 0; i < 10; i++) {
      const body = i % 2 === 0 ? { current: `guess-${i}`, next: 'a-new-long-password' } : undefined
      const answer = body
        ? await api(url, 'POST', '/api/me/password', { as: person, body })
        : await api(url, 'DELETE', '/api/me', { as: person, body: { password: `guess-${i}` } })
      expect(answer.body.error.code).toBe('wrong_password')
    }
    const locked = await api(url, 'POST', '/api/me/password', { as: person, body: { current: person.password, next: 'a-new-long-password' } })
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe('rate_limited')
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await api(url, 'DELETE', '/api/me', { as: person, body: { password: person.password } })).status).toBe(429)
    expect((await me(person)).status).toBe(200)
  })
})

describe('signing out everywhere', () => {
  it('ends every session of the person, this one included, and closes their sockets with 4401', async () => {
    const person = await signUp(url, 'Everywhere')
    const { id, agenda } = await createInitiative(url, person, 'Everywhere initiative')
    const laptop = await signIn(url, person.email, person.password)
    const stranger = await signUp(url, 'Someone else')
    const sockets = [await rawJoined(server.syncUrl, agenda, { cookie: person.cookie }), await rawJoined(server.syncUrl, agenda, { cookie: laptop.cookie })]

    const answer = await api(url, 'POST', '/api/me/sessions/revoke-all', { as: person })
    expect(answer.status).toBe(200)
    expect(answer.body.ended).toBe(2)
    expect(answer.headers.getSetCookie().some((c) => c.startsWith('cg_session=;') && /Max-Age=0/i.test(c))).toBe(true)
    for (const socket of sockets) expect((await withTimeout(socket.closed, 3_000, 'a socket of the person to close')).code).toBe(CloseCode.Unauthenticated)
    expect((await me(person)).status).toBe(401)
    expect((await me(laptop)).status).toBe(401)
    expect((await me(stranger)).status).toBe(200)

    const back = await signIn(url, person.email, person.password)
    const entries = await audit(back, id, 'auth.sessions_revoked')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actor: { id: person.userId }, details: { sessions: 2 } })
  })
})

describe('deleting one’s account', () => {
  it('needs the password, refuses the last backbone member, and keeps contributions under the id as "Former member"', async () => {
    const leaver = await signUp(url, 'Leaving Person')
    const { id, agenda } = await createInitiative(url, leaver, 'Deletion initiative')
    const wrong = await api(url, 'DELETE', '/api/me', { as: leaver, body: { password: 'not-it' } })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.code).toBe('wrong_password')
    const last = await api(url, 'DELETE', '/api/me', { as: leaver, body: { password: leaver.password } })
    expect(last.status).toBe(409)
    expect(last.body.error.code).toBe('last_backbone')
    expect((await me(leaver)).status).toBe(200)

    // A second backbone member: now the first may go.
    const other = await addMember(url, leaver, id, 'backbone')
    const partner = await api(url, 'POST', `/api/initiatives/${id}/partners`, { as: leaver, body: { name: 'Made by the leaver', sector: 'health' } })
    expect(partner.status).toBe(201)
    const token = await createToken(url, leaver)
    const socket = await rawJoined(server.syncUrl, agenda, { cookie: leaver.cookie })
    const viaToken = await rawJoined(server.syncUrl, agenda, { authorization: `Bearer ${token.secret}` })

    const deleted = await api(url, 'DELETE', '/api/me', { as: leaver, body: { password: leaver.password } })
    expect(deleted.status).toBe(204)
    expect((await withTimeout(socket.closed, 3_000, 'the deleted person’s session socket to close')).code).toBe(CloseCode.Unauthenticated)
    expect((await withTimeout(viaToken.closed, 3_000, 'the deleted person’s token socket to close')).code).toBe(CloseCode.Unauthenticated)
    expect((await me(leaver)).status).toBe(401)
    expect((await api(url, 'GET', '/api/me', { token: token.secret })).status).toBe(401)
    expect((await api(url, 'POST', '/api/auth/login', { body: { email: leaver.email, password: leaver.password } })).status).toBe(401)

    // The membership is gone; what they did stays, under their id, as "Former member".
    const members = (await api(url, 'GET', `/api/initiatives/${id}/members`, { as: other })).body.members
    expect(members.map((m: { userId: string }) => m.userId)).toEqual([other.userId])
    const created = await audit(other, id, 'partner.created')
    expect(created[0].actor).toEqual({ id: leaver.userId, name: FORMER_MEMBER_NAME, email: '' })
    const gone = await audit(other, id, 'auth.account_deleted')
    expect(gone).toHaveLength(1)
    expect(gone[0]).toMatchObject({ actor: { id: leaver.userId, name: FORMER_MEMBER_NAME }, details: { role: 'backbone' } })

    // The email is free again, and nothing of the person remains in the directory file.
    const again = await api(url, 'POST', '/api/auth/signup', { body: { email: leaver.email, password: 'a-fresh-password', name: 'New Me' } })
    expect(again.status).toBe(201)
    expect(again.body.user.id).not.toBe(leaver.userId)
    await server.directory.flush()
    const file = JSON.parse(await readFile(path.join(server.dataDir, 'directory.json'), 'utf8'))
    expect(file.users[leaver.userId]).toMatchObject({ name: FORMER_MEMBER_NAME, email: '', passwordHash: '', deletedAt: expect.any(String) })
    expect(JSON.stringify(file)).not.toContain('Leaving Person')

    // After a restart the record is still anonymised, the old email proves nothing, the new account signs in.
    const dataDir = server.dataDir
    await server.stop()
    const restarted = await startTestServer({ access: 'enforced', dataDir })
    expect((await api(restarted.url, 'POST', '/api/auth/login', { body: { email: leaver.email, password: leaver.password } })).status).toBe(401)
    expect((await api(restarted.url, 'POST', '/api/auth/login', { body: { email: leaver.email, password: 'a-fresh-password' } })).body.user.id).toBe(
      again.body.user.id,
    )
    const afterRestart = (await api(restarted.url, 'GET', `/api/initiatives/${id}/audit?action=partner.created`, { as: other })).body.entries
    expect(afterRestart[0].actor.name).toBe(FORMER_MEMBER_NAME)
  })
})

describe('password reset links', () => {
  it('backbone staff issue a one-time link; the person sets a new password with it and every old session ends', async () => {
    const backbone = await signUp(url, 'Reset Backbone')
    const { id, agenda } = await createInitiative(url, backbone, 'Reset initiative')
    const participant = await addMember(url, backbone, id, 'participant')
    const phone = await signIn(url, participant.email, participant.password)
    const socket = await rawJoined(server.syncUrl, agenda, { cookie: phone.cookie })

    const issued = await api(url, 'POST', `/api/initiatives/${id}/members/${participant.userId}/password-reset`, { as: backbone })
    expect(issued.status).toBe(201)
    expect(issued.body.path).toMatch(/^\/reset\/[A-Za-z0-9_-]{20,}$/)
    expect(issued.body.url).toBe(`${url}${issued.body.path}`)
    expect(Date.parse(issued.body.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000)
    expect(Date.parse(issued.body.expiresAt) - Date.now()).toBeLessThanOrEqual(24 * 3600_000 + 1000)
    const token = issued.body.path.split('/').pop()!
    await server.directory.flush()
    expect(await readFile(path.join(server.dataDir, 'directory.json'), 'utf8')).not.toContain(token)

    const preview = await api(url, 'GET', `/api/password-resets/${token}`)
    expect(preview.status).toBe(200)
    expect(preview.body.reset).toMatchObject({ email: participant.email, name: 'participant person' })

    const weak = await api(url, 'POST', `/api/password-resets/${token}`, { body: { password: 'short' } })
    expect(weak.body.error).toMatchObject({ code: 'validation_failed', fields: { password: 'too_short' } })
    const used = await api(url, 'POST', `/api/password-resets/${token}`, { body: { password: 'my-brand-new-password' } })
    expect(used.status).toBe(200)
    expect(used.body.user.id).toBe(participant.userId)
    expect((await withTimeout(socket.closed, 3_000, 'the old session’s socket to close')).code).toBe(CloseCode.Unauthenticated)
    expect((await me(participant)).status).toBe(401)
    expect((await me(phone)).status).toBe(401)
    // The answer signed this browser in.
    const cookie = used.headers
      .getSetCookie()
      .find((c) => c.startsWith('cg_session='))!
      .split(';', 1)[0]!
    expect((await api(url, 'GET', '/api/me', { headers: { cookie } })).body.user.id).toBe(participant.userId)
    await signIn(url, participant.email, 'my-brand-new-password')

    // Single use.
    const twice = await api(url, 'POST', `/api/password-resets/${token}`, { body: { password: 'yet-another-password' } })
    expect(twice.status).toBe(410)
    expect(twice.body.error.code).toBe('reset_used')
    expect((await api(url, 'GET', `/api/password-resets/${token}`)).body.error.code).toBe('reset_used')
    expect((await api(url, 'GET', '/api/password-resets/no-such-token')).body.error.code).toBe('reset_not_found')

    const issuedEntries = await audit(backbone, id, 'auth.password_reset_issued')
    expect(issuedEntries[0]).toMatchObject({ actor: { id: backbone.userId }, target: { type: 'member', id: participant.userId } })
    const usedEntries = await audit(backbone, id, 'auth.password_reset_used')
    expect(usedEntries[0]).toMatchObject({ actor: { id: participant.userId }, details: { sessionsEnded: 2, issuedBy: backbone.userId } })
  })

  it('expires after 24 hours; a newer link replaces an unused older one; only backbone staff issue, only for their members', async () => {
    const backbone = await signUp(url, 'Expiry Backbone')
    const { id } = await createInitiative(url, backbone, 'Expiry initiative')
    const executive = await addMember(url, backbone, id, 'participant')
    const outsider = await signUp(url, 'Not a member')
    const issue = (as: Account, userId: string) => api(url, 'POST', `/api/initiatives/${id}/members/${userId}/password-reset`, { as })
    const tokenOf = (answer: { body: { path: string } }) => answer.body.path.split('/').pop()!

    expect((await issue(executive, backbone.userId)).status).toBe(403)
    expect((await issue(outsider, executive.userId)).status).toBe(404)
    const notMember = await issue(backbone, outsider.userId)
    expect(notMember.status).toBe(404)
    expect(notMember.body.error.code).toBe('not_found')

    const first = tokenOf(await issue(backbone, executive.userId))
    const second = tokenOf(await issue(backbone, executive.userId))
    expect((await api(url, 'GET', `/api/password-resets/${first}`)).body.error.code).toBe('reset_used')
    expect((await api(url, 'GET', `/api/password-resets/${second}`)).status).toBe(200)
    clockOffsetMs = 24 * 3600_000 + 60_000
    try {
      const late = await api(url, 'POST', `/api/password-resets/${second}`, { body: { password: 'too-late-password' } })
      expect(late.status).toBe(410)
      expect(late.body.error.code).toBe('reset_expired')
    } finally {
      clockOffsetMs = 0
    }
  })
})
