// /api/auth: sign-up, sign-in (rate limited per account and per IP), sign-out, and who is
// signed in (never a 401 for nobody, so a signed-out page load logs no error). Request and
// answer schemas: packages/domain/src/api/auth.ts.
import { Hono } from 'hono'
import { loginBody, signupBody, type AuthAnswer, type SessionAnswer } from '@common-ground/domain'
import type { AttemptLimiter } from '../auth/attemptLimiter.ts'
import { clearedSessionCookie, sessionCookie } from '../auth/cookies.ts'
import { csrfTokenFor } from '../auth/csrf.ts'
import { normalizeEmail } from '../directory/Directory.ts'
import { ApiError } from './ApiError.ts'
import { auth, requireUser, type AppEnv } from './authz.ts'
import { meOf } from './meRoutes.ts'
import { body } from './validate.ts'
import { userView } from './views.ts'

export interface SignInLimits {
  /** Failures per account (email). */
  perAccount: AttemptLimiter
  /** Failures per client IP. */
  perIp: AttemptLimiter
}

export function authRoutes(options: { limits: SignInLimits; cookieSecure: boolean }) {
  const secure = options.cookieSecure
  return new Hono<AppEnv>()
    .post('/signup', async (c) => {
      const input = await body(c, signupBody)
      const directory = c.get('directory')
      const ip = auth(c).ip
      const user = await directory.createUser({ ...input, language: input.language ?? 'en' }, { ip })
      const { secret } = await directory.createSession(user.id, { ip }, null)
      c.header('Set-Cookie', sessionCookie(secret, { secure }))
      return c.json({ user: userView(user), csrfToken: csrfTokenFor(secret) } satisfies AuthAnswer, 201)
    })
    .post('/login', async (c) => {
      const input = await body(c, loginBody)
      const directory = c.get('directory')
      const ip = auth(c).ip
      const accountKey = normalizeEmail(input.email)
      const ipKey = ip ?? 'unknown'
      const checks = [options.limits.perAccount.check(accountKey), options.limits.perIp.check(ipKey)]
      const wait = Math.max(0, ...checks.map((check) => (check.allowed ? 0 : check.retryAfterSeconds)))
      if (wait > 0) {
        throw new ApiError(429, 'rate_limited', 'Too many failed sign-in attempts; try again later.', { headers: { 'Retry-After': String(wait) } })
      }
      const user = await directory.verifyCredentials(input.email, input.password, ip)
      if (!user) {
        options.limits.perAccount.fail(accountKey)
        options.limits.perIp.fail(ipKey)
        throw new ApiError(401, 'invalid_credentials', 'The email or password is wrong.')
      }
      options.limits.perAccount.reset(accountKey)
      const { secret } = await directory.createSession(user.id, { ip })
      c.header('Set-Cookie', sessionCookie(secret, { secure }))
      return c.json({ user: userView(user), csrfToken: csrfTokenFor(secret) } satisfies AuthAnswer)
    })
    .post('/logout', async (c) => {
      const principal = requireUser(c)
      const state = auth(c)
      if (state.via === 'session' && state.sessionSecret) {
        await c.get('directory').endSession(state.sessionSecret, { userId: principal.userId, ip: state.ip })
      }
      c.header('Set-Cookie', clearedSessionCookie({ secure }))
      return c.body(null, 204)
    })
    .get('/session', (c) => c.json({ me: meOf(c) } satisfies SessionAnswer))
}
