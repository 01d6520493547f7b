// The interface languages over real HTTP: Arabic is accepted like Hebrew and English for a person's language
// and an initiative's languages; any other language is a 400 with a stable code and the field named.
import { beforeAll, describe, expect, it } from 'vitest'
import { api, signUp } from './helpers/accounts.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ access: 'enforced' })
})

describe('languages', () => {
  it('signs up a person whose language is Arabic, and refuses a language the interface does not speak', async () => {
    const body = { email: `layla-${process.pid}@example.org`, password: 'a-long-password', name: 'ليلى حداد', language: 'ar' }
    const answer = await api(server.url, 'POST', '/api/auth/signup', { body })
    expect(answer.status).toBe(201)
    expect(answer.body.user).toMatchObject({ name: 'ليلى حداد', language: 'ar' })
    const cookie = answer.headers.getSetCookie()[0]!.split(';', 1)[0]!
    const me = await api(server.url, 'GET', '/api/me', { headers: { cookie } })
    expect(me.body.user.language).toBe('ar')

    const french = await api(server.url, 'POST', '/api/auth/signup', { body: { ...body, email: `fr-${process.pid}@example.org`, language: 'fr' } })
    expect(french.status).toBe(400)
    expect(french.body.error.code).toBe('validation_failed')
    expect(JSON.stringify(french.body.error.fields)).toContain('language')
  })

  it('creates and updates an initiative in Arabic, Hebrew and English', async () => {
    const backbone = await signUp(server.url)
    const created = await api(server.url, 'POST', '/api/initiatives', {
      as: backbone,
      body: { name: 'النقب معًا', description: 'ائتلاف من أجل التعليم في النقب.', languages: ['ar', 'he'], geography: 'النقب' },
    })
    expect(created.status).toBe(201)
    expect(created.body.initiative).toMatchObject({ name: 'النقب معًا', languages: ['ar', 'he'] })
    const id = created.body.initiative.id as string

    const updated = await api(server.url, 'PATCH', `/api/initiatives/${id}`, { as: backbone, body: { languages: ['he', 'ar', 'en'] } })
    expect(updated.status).toBe(200)
    expect(updated.body.initiative.languages).toEqual(['he', 'ar', 'en'])

    const refused = await api(server.url, 'PATCH', `/api/initiatives/${id}`, { as: backbone, body: { languages: ['ar', 'fa'] } })
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe('validation_failed')
  })
})
