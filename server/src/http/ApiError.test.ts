// The one error mapping: a DomainError thrown anywhere under a route answers with the status of
// its kind and the same { error: { code, message, fields? } } body an ApiError gives; anything
// else is a logged 500 that shows no internals.
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { DOMAIN_ERROR_KINDS, DomainError } from '@common-ground/domain'
import { silentLogger, type Logger } from '../logger.ts'
import { ApiError, STATUS_OF_KIND, createErrorHandler } from './ApiError.ts'

function appThrowing(error: Error, logger: Logger = silentLogger): Hono {
  const app = new Hono()
  app.onError(createErrorHandler(logger))
  app.get('/x', async () => {
    await Promise.resolve()
    throw error
  })
  return app
}

async function answer(app: Hono) {
  const response = await app.request('/x')
  return { status: response.status, body: await response.json(), headers: response.headers }
}

describe('createErrorHandler', () => {
  it('maps every domain error kind to its status', async () => {
    expect(Object.keys(STATUS_OF_KIND).sort()).toEqual([...DOMAIN_ERROR_KINDS].sort())
    const expected = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, gone: 410, rate_limited: 429 }
    for (const kind of DOMAIN_ERROR_KINDS) {
      const { status, body } = await answer(appThrowing(new DomainError(kind, `some_${kind}`, `A ${kind} error.`)))
      expect(status, kind).toBe(expected[kind])
      expect(body).toEqual({ error: { code: `some_${kind}`, message: `A ${kind} error.` } })
    }
  })

  it('keeps per-field codes', async () => {
    const error = new DomainError('conflict', 'email_taken', 'An account with this email exists.', { fields: { email: 'taken' } })
    expect(await answer(appThrowing(error))).toMatchObject({
      status: 409,
      body: { error: { code: 'email_taken', message: 'An account with this email exists.', fields: { email: 'taken' } } },
    })
  })

  it('answers an ApiError as thrown, headers included', async () => {
    const { status, body, headers } = await answer(appThrowing(new ApiError(429, 'rate_limited', 'Slow down.', { headers: { 'Retry-After': '7' } })))
    expect(status).toBe(429)
    expect(body).toEqual({ error: { code: 'rate_limited', message: 'Slow down.' } })
    expect(headers.get('retry-after')).toBe('7')
  })

  it('turns anything else into a logged 500 without internals', async () => {
    const logged: string[] = []
    const logger: Logger = { ...silentLogger, error: (message) => void logged.push(message) }
    const { status, body } = await answer(appThrowing(new Error('secret internals'), logger))
    expect(status).toBe(500)
    expect(body).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on the server.' } })
    expect(logged).toEqual(['unhandled error in HTTP route'])
  })
})
