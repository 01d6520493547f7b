// Managing one's own account (mounted at /api/me next to meRoutes): the name, the password,
// signing out everywhere, deleting the account; and the one-time password reset links — issued
// by backbone staff for a member (/api/initiatives/:id/members/:userId/password-reset), used by
// the person (/api/password-resets/:token). Schemas: packages/domain/src/api/account.ts.
import { Hono } from 'hono'
import {
  changePasswordBody,
  deleteAccountBody,
  updateMeBody,
  usePasswordResetBody,
  type AuthAnswer,
  type PasswordResetIssuedAnswer,
  type PasswordResetPreviewAnswer,
  type SessionsRevokedAnswer,
  type UserAnswer,
} from '@common-ground/domain'
import type { AttemptLimiter } from '../auth/attemptLimiter.ts'
import { clearedSessionCookie, sessionCookie } from '../auth/cookies.ts'
import { csrfTokenFor } from '../auth/csrf.ts'
import { isDomainError } from '@common-ground/domain'
import { ApiError } from './ApiError.ts'
import { actorOf, auth, requireAction, type AppEnv } from './authz.ts'
import { body } from './validate.ts'
import { userView } from './views.ts'

/**
 * Runs a step that proves the password (a password change, a deletion) under the per-account
 * failure limit sign-in uses, so a borrowed session cannot guess the password: `429
 * rate_limited` after too many `wrong_password` answers.
 */
async function provingPassword<T>(limiter: AttemptLimiter, userId: string, step: () => Promise<T>): Promise<T> {
  const key = `account:${userId}`
  const check = limiter.check(key)
  if (!check.allowed) {
    throw new ApiError(429, 'rate_limited', 'Too many wrong passwords; try again later.', { headers: { 'Retry-After': String(check.retryAfterSeconds) } })
  }
  try {
    const result = await step()
    limiter.reset(key)
    return result
  } catch (error) {
    if (isDomainError(error) && error.code === 'wrong_password') limiter.fail(key)
    throw error
  }
}

export function accountRoutes(options: { cookieSecure: boolean; passwordLimiter: AttemptLimiter }) {
  const secure = options.cookieSecure
  const limiter = options.passwordLimiter
  return new Hono<AppEnv>()
    .patch('/', async (c) => {
      const actor = actorOf(c)
      const input = await body(c, updateMeBody)
      const directory = c.get('directory')
      let user = directory.user(actor.userId)!
      if (input.color !== undefined) user = await directory.updateColor(actor.userId, input.color)
      if (input.name !== undefined) user = await directory.updateName(actor.userId, input.name, actor)
      return c.json({ user: userView(user) } satisfies UserAnswer)
    })
    .post('/password', async (c) => {
      const actor = actorOf(c)
      const input = await body(c, changePasswordBody)
      const credential = auth(c).principal!.credential
      const keep = credential.type === 'session' ? credential.id : null
      await provingPassword(limiter, actor.userId, () => c.get('directory').changePassword(actor.userId, input.current, input.next, keep, actor))
      return c.body(null, 204)
    })
    .post('/sessions/revoke-all', async (c) => {
      const actor = actorOf(c)
      const ended = await c.get('directory').endAllSessions(actor.userId, actor)
      c.header('Set-Cookie', clearedSessionCookie({ secure }))
      return c.json({ ended } satisfies SessionsRevokedAnswer)
    })
    .delete('/', async (c) => {
      const actor = actorOf(c)
      const input = await body(c, deleteAccountBody)
      await provingPassword(limiter, actor.userId, () => c.get('directory').deleteAccount(actor.userId, input.password, actor))
      c.header('Set-Cookie', clearedSessionCookie({ secure }))
      return c.body(null, 204)
    })
}

/** Mounted at /api/initiatives: backbone staff issue a reset link for a member. */
export function memberPasswordResetRoutes() {
  return new Hono<AppEnv>().post('/:id/members/:userId/password-reset', async (c) => {
    const { initiative } = requireAction(c, c.req.param('id'), 'member.password_reset')
    const { token, reset } = await c.get('directory').issuePasswordReset(initiative.id, c.req.param('userId'), actorOf(c))
    const path = `/reset/${token}`
    return c.json({ url: new URL(path, new URL(c.req.url).origin).toString(), path, expiresAt: reset.expiresAt } satisfies PasswordResetIssuedAnswer, 201)
  })
}

/** Mounted at /api/password-resets: the link's preview and its use (no sign-in; the token is the proof). */
export function passwordResetRoutes(options: { cookieSecure: boolean }) {
  const secure = options.cookieSecure
  return new Hono<AppEnv>()
    .get('/:token', (c) => {
      const { reset, user } = c.get('directory').passwordReset(c.req.param('token'))
      return c.json({ reset: { name: user.name, email: user.email, expiresAt: reset.expiresAt } } satisfies PasswordResetPreviewAnswer)
    })
    .post('/:token', async (c) => {
      const input = await body(c, usePasswordResetBody)
      const directory = c.get('directory')
      const ip = auth(c).ip
      const user = await directory.usePasswordReset(c.req.param('token'), input.password, ip)
      // Every earlier session ended; this browser starts a new one.
      const { secret } = await directory.createSession(user.id, { ip })
      c.header('Set-Cookie', sessionCookie(secret, { secure }))
      return c.json({ user: userView(user), csrfToken: csrfTokenFor(secret) } satisfies AuthAnswer)
    })
}
