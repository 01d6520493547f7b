// The directory is as durable as the documents: what the API acknowledged (a 201 for a sign-up,
// an initiative, a partner, an invitation, a token) survives a kill -9 that comes right after
// the answer — the real server process, its real data directory, restarted on it.
import { expect, it } from 'vitest'
import { api, createInitiative, createPartner, createToken, signIn, signUp } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { makeTempDir, spawnServerProcess } from './helpers/server.ts'

useCleanup()

it('every change acknowledged before a kill -9 is there after the restart', async () => {
  const dataDir = await makeTempDir()
  const first = await spawnServerProcess(dataDir)
  const owner = await signUp(first.url, 'Owner')
  const { id } = await createInitiative(first.url, owner, 'Crash-proof coalition')
  const partner = await createPartner(first.url, owner, id, 'Neighbourhood clinic')
  const token = await createToken(first.url, owner, 'nightly export')
  const invitation = await api(first.url, 'POST', `/api/initiatives/${id}/invitations`, { as: owner, body: { role: 'participant' } })
  expect(invitation.status).toBe(201)
  // The last answer is in; the process dies before it could write anything lazily.
  process.kill(first.pid, 'SIGKILL')
  expect(await first.exited).toMatchObject({ signal: 'SIGKILL' })

  const second = await spawnServerProcess(dataDir)
  const again = await signIn(second.url, owner.email, owner.password)
  expect(again.userId).toBe(owner.userId)
  const initiative = await api(second.url, 'GET', `/api/initiatives/${id}`, { as: again })
  expect(initiative.status).toBe(200)
  expect(initiative.body.initiative.name).toBe('Crash-proof coalition')
  const partners = await api(second.url, 'GET', `/api/initiatives/${id}/partners`, { as: again })
  expect(partners.body.partners.map((p: { id: string }) => p.id)).toContain(partner.id)
  expect((await api(second.url, 'GET', '/api/me', { token: token.secret })).status).toBe(200)
  const preview = await api(second.url, 'GET', `/api/invitations/${invitation.body.token}`)
  expect(preview.status).toBe(200)
  expect(preview.body.invitation.initiative.id).toBe(id)
  // The audit log kept its entries too, in order, the last one the invitation.
  const audit = await api(second.url, 'GET', `/api/initiatives/${id}/audit`, { as: again })
  expect(audit.status).toBe(200)
  expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain('invitation.created')
})
