// The directory on its own: everything it answers survives a reopen (each mutation is on disk
// when it resolves), the access gate answers the matrix, and every change that can alter
// access is announced to live connections.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccessChange } from '../access/AccessGate.ts'
import { silentLogger } from '../logger.ts'
import { Directory } from './Directory.ts'

let dir: string
let now: number
const open = () => Directory.open({ dataDir: dir, logger: silentLogger, now: () => now })
const ip = { ip: '192.0.2.1' }

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cg-directory-'))
  now = Date.parse('2026-03-01T10:00:00Z')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function world(directory: Directory) {
  const boss = await directory.createUser({ email: 'Boss@Example.org', password: 'boss-password', name: 'Boss', language: 'en' }, ip)
  const exec = await directory.createUser({ email: 'exec@example.org', password: 'exec-password', name: 'Exec', language: 'he' }, ip)
  const initiative = await directory.createInitiative({ name: 'City', description: '', languages: ['he', 'en'], geography: '' }, { userId: boss.id, ...ip })
  const own = await directory.createPartner(initiative.id, { name: 'Own', sector: 'government', website: '', color: null }, { userId: boss.id, ...ip })
  const other = await directory.createPartner(initiative.id, { name: 'Other', sector: 'health', website: '', color: '#123456' }, { userId: boss.id, ...ip })
  const { token } = await directory.createInvitation(
    initiative.id,
    { role: 'partner', partnerId: own.id, email: null, expiresInDays: 7 },
    { userId: boss.id, ...ip },
  )
  await directory.acceptInvitation(token, { userId: exec.id, ...ip })
  return { boss, exec, initiative, own, other }
}

describe('Directory', () => {
  it('survives a reopen: accounts, sessions, tokens, memberships and the audit log', async () => {
    const first = await open()
    const { exec, initiative, own } = await world(first)
    const { secret: session } = await first.createSession(exec.id, ip)
    const { secret: token } = await first.createToken(exec.id, { name: 'cli', expiresInDays: null }, { userId: exec.id, ...ip })
    // No close(): what a mutation resolved is already on disk.
    const second = await open()
    const viaCookie = second.authenticate({ cookie: `other=1; cg_session=${session}` })
    expect(viaCookie).toMatchObject({ userId: exec.id, email: 'exec@example.org', credential: { type: 'session' } })
    expect(second.authenticate({ authorization: `Bearer ${token}` })).toMatchObject({ userId: exec.id, credential: { type: 'token' } })
    expect(second.authenticate({ token })).toMatchObject({ userId: exec.id })
    expect(second.membership(initiative.id, exec.id)).toMatchObject({ role: 'partner', partnerId: own.id })
    expect(second.audit.size).toBe(first.audit.size)
    expect(await second.verifyCredentials('EXEC@example.org', 'exec-password', null)).toMatchObject({ id: exec.id })
    expect(await second.verifyCredentials('exec@example.org', 'wrong', null)).toBeNull()
    const file = await readFile(path.join(dir, 'directory.json'), 'utf8')
    expect(file).not.toContain(session)
    expect(file).not.toContain(token)
  })

  it('answers the document access matrix; unknown initiatives, partners and names are none', async () => {
    const directory = await open()
    const { boss, exec, initiative, own, other } = await world(directory)
    const stranger = await directory.createUser({ email: 's@example.org', password: 'stranger-pw', name: 'S', language: 'en' }, ip)
    const p = (userId: string) => ({ userId, email: '', name: '', credential: { type: 'session' as const, id: 'x' } })
    const agenda = `i/${initiative.id}/agenda`
    expect(directory.documentAccess(agenda, p(boss.id))).toBe('edit')
    expect(directory.documentAccess(agenda, p(exec.id))).toBe('edit')
    expect(directory.documentAccess(`i/${initiative.id}/partners/${own.id}`, p(exec.id))).toBe('edit')
    expect(directory.documentAccess(`i/${initiative.id}/partners/${other.id}`, p(exec.id))).toBe('read')
    expect(directory.documentAccess(agenda, p(stranger.id))).toBe('none')
    expect(directory.documentAccess(agenda, null)).toBe('none')
    await directory.setPublished(initiative.id, 'agenda', true, { userId: boss.id, ...ip })
    expect(directory.documentAccess(agenda, null)).toBe('read')
    expect(directory.documentAccess(`i/${initiative.id}/partners/${own.id}`, null)).toBe('none')
    expect(directory.documentAccess(`i/${initiative.id}/partners/nope`, p(boss.id))).toBe('none')
    expect(directory.documentAccess('i/nope/agenda', p(boss.id))).toBe('none')
    expect(directory.documentAccess('demo/agenda', p(boss.id))).toBe('none')
  })

  it('announces every change that can alter access', async () => {
    const directory = await open()
    const { boss, exec, initiative, own } = await world(directory)
    const changes: AccessChange[] = []
    const off = directory.onAccessChange((change) => changes.push(change))
    const actor = { userId: boss.id, ...ip }

    const { secret, session } = await directory.createSession(exec.id, ip)
    await directory.endSession(secret, { userId: exec.id, ...ip })
    expect(changes.pop()).toEqual({ type: 'credential', credentialId: session.id })

    const { token } = await directory.createToken(exec.id, { name: 't', expiresInDays: 1 }, { userId: exec.id, ...ip })
    await directory.revokeToken(exec.id, token.id, { userId: exec.id, ...ip })
    expect(changes.pop()).toEqual({ type: 'credential', credentialId: token.id })

    await directory.setPublished(initiative.id, 'agenda', true, actor)
    expect(changes.pop()).toEqual({ type: 'initiative', initiativeId: initiative.id })
    await directory.setPublished(initiative.id, 'agenda', false, actor)
    expect(changes.pop()).toEqual({ type: 'initiative', initiativeId: initiative.id })

    await directory.changeRole(initiative.id, exec.id, 'participant', null, actor)
    expect(changes.pop()).toEqual({ type: 'membership', initiativeId: initiative.id, userId: exec.id })

    await directory.deletePartner(initiative.id, own.id, actor)
    expect(changes.pop()).toEqual({ type: 'initiative', initiativeId: initiative.id })

    await directory.removeMember(initiative.id, exec.id, actor)
    expect(changes.pop()).toEqual({ type: 'membership', initiativeId: initiative.id, userId: exec.id })
    expect(changes).toEqual([])
    off()
    await directory.setPublished(initiative.id, 'agenda', true, actor)
    expect(changes).toEqual([])
  })

  it('expires sessions and tokens with its clock, and says so through isCredentialValid', async () => {
    const directory = await open()
    const { exec } = await world(directory)
    const { secret } = await directory.createSession(exec.id, ip)
    const { secret: token } = await directory.createToken(exec.id, { name: 't', expiresInDays: 2 }, { userId: exec.id, ...ip })
    const viaSession = directory.authenticate({ cookie: `cg_session=${secret}` })!
    const viaToken = directory.authenticate({ authorization: `Bearer ${token}` })!
    expect(directory.isCredentialValid(viaSession)).toBe(true)
    expect(directory.isCredentialValid(viaToken)).toBe(true)
    now += 3 * 24 * 3600 * 1000
    expect(directory.authenticate({ authorization: `Bearer ${token}` })).toBeNull()
    expect(directory.isCredentialValid(viaToken)).toBe(false)
    expect(directory.isCredentialValid(viaSession)).toBe(true)
    now += 30 * 24 * 3600 * 1000
    expect(directory.authenticate({ cookie: `cg_session=${secret}` })).toBeNull()
    expect(directory.isCredentialValid(viaSession)).toBe(false)
  })

  it('serializes concurrent mutations: all of them land in the file', async () => {
    const directory = await open()
    const { boss, initiative } = await world(directory)
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        directory.createPartner(initiative.id, { name: `P${i}`, sector: 'other', website: '', color: null }, { userId: boss.id, ...ip }),
      ),
    )
    const reopened = await open()
    expect(reopened.partners(initiative.id)).toHaveLength(22)
  })
})
