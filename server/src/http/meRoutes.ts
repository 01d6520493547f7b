// /api/me: the caller's account, memberships and personal access tokens (schemas:
// packages/domain/src/api/auth.ts).
import { Hono } from 'hono'
import { createTokenBody, type CreatedTokenAnswer, type Me, type TokenListAnswer } from '@common-ground/domain'
import { csrfTokenFor } from '../auth/csrf.ts'
import { ApiError } from './ApiError.ts'
import { actorOf, auth, requireUser, type AppContext, type AppEnv } from './authz.ts'
import { body } from './validate.ts'
import { tokenView, userView } from './views.ts'

/** What GET /api/me answers for the caller, or null when nobody (or no existing account) is signed in. */
export function meOf(c: AppContext): Me | null {
  const state = auth(c)
  if (!state.principal) return null
  const directory = c.get('directory')
  const user = directory.user(state.principal.userId)
  if (!user) return null
  return {
    user: userView(user),
    csrfToken: state.via === 'session' && state.sessionSecret ? csrfTokenFor(state.sessionSecret) : null,
    memberships: directory.membershipsOf(user.id).map((m) => ({ initiativeId: m.initiativeId, role: m.role, partnerId: m.partnerId })),
  }
}

export function meRoutes() {
  return new Hono<AppEnv>()
    .get('/', (c) => {
      requireUser(c)
      const me = meOf(c)
      if (!me) throw new ApiError(401, 'unauthenticated', 'Sign in first.')
      return c.json(me satisfies Me)
    })
    .get('/tokens', (c) => {
      const principal = requireUser(c)
      return c.json({ tokens: c.get('directory').listTokens(principal.userId).map(tokenView) } satisfies TokenListAnswer)
    })
    .post('/tokens', async (c) => {
      const actor = actorOf(c)
      const input = await body(c, createTokenBody)
      const { token, secret } = await c.get('directory').createToken(actor.userId, { name: input.name, expiresInDays: input.expiresInDays ?? null }, actor)
      return c.json({ token: tokenView(token), secret } satisfies CreatedTokenAnswer, 201)
    })
    .delete('/tokens/:tokenId', async (c) => {
      const actor = actorOf(c)
      await c.get('directory').revokeToken(actor.userId, c.req.param('tokenId'), actor)
      return c.body(null, 204)
    })
}
