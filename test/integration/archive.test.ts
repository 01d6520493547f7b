// The initiative archive and the online backup (docs/archive.md), on real servers and real temp
// data directories: export → import into a fresh directory gives the same documents (state and
// history), the same read model and report card; no secret is in the archive; damaged archives are
// refused with nothing written; a second import writes nothing; --as; a backup taken while stock
// y-websocket clients edit, restored, holds every update acknowledged before it began.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { documentFileName } from '@common-ground/protocol'
import { DiskStorage, silentLogger } from '@common-ground/server'
import { requestBackup } from '../../server/src/archive/backupModule.ts'
import { restoreBackup } from '../../server/src/archive/backup.ts'
import { ArchiveError, packTar, unpackTar } from '../../server/src/archive/format.ts'
import { exportFromDataDir, importIntoDataDir } from '../../server/src/archive/offline.ts'
import { createInitiative, createToken, signUp } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced } from './helpers/clients.ts'
import { getJson, listFiles, makeTempDir, spawnServerProcess, startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

const DEMO = 'beer-sheva-c2c'
const importOptions = (dataDir: string, extra: { as?: string } = {}) => ({ dataDir, baseUrl: 'https://cg.example.org', logger: silentLogger, ...extra })

/** Every file under a directory with its SHA-256: to prove that nothing was written. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const rel of listFiles(dir)) {
    if (rel.endsWith('/')) out[rel] = 'dir'
    else
      out[rel] = createHash('sha256')
        .update(readFileSync(path.join(dir, rel)))
        .digest('hex')
  }
  return out
}

/** Each stored document's state (as the server loads it), state vector and history. */
async function readDocuments(dataDir: string, initiativeId: string) {
  const storage = new DiskStorage({ dir: path.join(dataDir, 'documents'), fsync: 'never', logger: silentLogger })
  const out = new Map<string, { state: Buffer; vector: Buffer; history: { seq: number; time: number; user: string | null; update: string }[] }>()
  try {
    for (const name of (await storage.list()).filter((n) => n.startsWith(`i/${initiativeId}/`))) {
      const loaded = await storage.load(name)
      const doc = new Y.Doc()
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
      for (const record of loaded.records) Y.applyUpdate(doc, record.update)
      const history = (await storage.history(name)).map((r) => ({ seq: r.seq, time: r.time, user: r.user, update: Buffer.from(r.update).toString('base64') }))
      out.set(name.slice(`i/${initiativeId}/`.length), {
        state: Buffer.from(Y.encodeStateAsUpdate(doc)),
        vector: Buffer.from(Y.encodeStateVector(doc)),
        history,
      })
      doc.destroy()
    }
  } finally {
    await storage.close()
  }
  return out
}

function readModelOf(dataDir: string, name: string): { version: number; seq: number; state: unknown } {
  const entry = JSON.parse(readFileSync(path.join(dataDir, 'readmodel', `${documentFileName(name)}.json`), 'utf8'))
  return { version: entry.version, seq: entry.seq, state: entry.state }
}

async function expectRefused(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(Error)
  expect((error as ArchiveError).code, (error as Error).message).toBe(code)
}

/** The demo initiative with a live edit on top, its secrets, and its archive. */
async function demoSource() {
  const source = await startTestServer({ seedDemo: true })
  const partnerPage = `i/${DEMO}/partners/${source.directory.partners(DEMO)[0]!.id}`
  const editor = await connectSynced(source.syncUrl, partnerPage, {})
  editor.doc.getText('notes').insert(0, 'שלום — live edit before the export')
  await waitFor(async () => (await source.storage.history(partnerPage)).length > 1, { what: 'the live edit stored' })
  await editor.destroy()
  const backbone = source.directory.members(DEMO).find((m) => m.role === 'backbone')!
  const user = source.directory.user(backbone.userId)!
  const session = await source.directory.createSession(user.id, { ip: null })
  const token = await source.directory.createToken(user.id, { name: 'script', expiresInDays: null }, { userId: user.id, ip: null })
  const secrets = [user.passwordHash, session.secret, session.session.hash, token.secret, token.token.hash]
  const reportCard = await getJson(`${source.url}/api/public/initiatives/${DEMO}/report-card`)
  await source.stop()
  const file = path.join(await makeTempDir('cg-archive-'), 'demo.tar')
  const exported = await exportFromDataDir({ dataDir: source.dataDir, initiativeId: DEMO, file, logger: silentLogger })
  return { source, file, exported, secrets, reportCard, partnerPage }
}

describe('export and import', () => {
  it('round trip: the same documents, history, read model and report card; members re-invited; no secrets', async () => {
    const { source, file, exported, secrets, reportCard } = await demoSource()
    expect(exported.manifest.counts.documents).toBeGreaterThanOrEqual(10)
    expect(exported.manifest.counts.approvals).toBeGreaterThan(0)
    expect(exported.manifest.counts.endorsements).toBeGreaterThan(0)

    const bytes = await readFile(file)
    for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), 'a secret in the archive').toBe(false)
    expect(bytes.includes(Buffer.from('scrypt$'))).toBe(false)

    const target = await makeTempDir()
    const result = await importIntoDataDir(file, importOptions(target))
    if (result.status !== 'imported') throw new Error('not imported')
    expect(result.invitations).toHaveLength(exported.manifest.counts.members)
    for (const invitation of result.invitations) expect(invitation.link).toMatch(/^https:\/\/cg\.example\.org\/invite\/[A-Za-z0-9_-]{43}$/)

    const before = await readDocuments(source.dataDir, DEMO)
    const after = await readDocuments(target, DEMO)
    expect([...after.keys()]).toEqual([...before.keys()])
    for (const [name, doc] of before) {
      const copy = after.get(name)!
      expect(copy.state.equals(doc.state), `${name}: state bytes`).toBe(true)
      expect(copy.vector.equals(doc.vector), `${name}: state vector`).toBe(true)
      expect(copy.history, `${name}: history`).toEqual(doc.history)
      if (existsSync(path.join(source.dataDir, 'readmodel', `${documentFileName(`i/${DEMO}/${name}`)}.json`))) {
        expect(readModelOf(target, `i/${DEMO}/${name}`), `${name}: read model`).toEqual(readModelOf(source.dataDir, `i/${DEMO}/${name}`))
      }
    }

    // A server on the imported directory serves the same report card; the members are invited, not accounts.
    const server = await startTestServer({ dataDir: target })
    const card = await getJson(`${server.url}/api/public/initiatives/${DEMO}/report-card`)
    expect(card.status).toBe(200)
    expect({ ...card.body, asOf: null }).toEqual({ ...reportCard.body, asOf: null })
    expect(server.directory.members(DEMO)).toEqual([])
    expect(server.directory.invitations(DEMO).filter((i) => server.directory.invitationStatus(i) === 'pending')).toHaveLength(result.invitations.length)
    const endorsements = server.directory.audit.query({ initiativeId: DEMO, memberIds: new Set(), actionPrefix: 'agenda.endorsed', limit: 100 })
    expect(endorsements.length).toBe(exported.manifest.counts.endorsements)
    // The steering committee's series and its five meetings come along: their documents exist on the new server.
    expect(exported.manifest.counts.meetings).toBe(6)
    const meetingIds = server.directory.scopeOf(DEMO).meetingIds ?? []
    expect(meetingIds).toHaveLength(5)
    expect(server.directory.documentsOf(DEMO).filter((d) => d.kind === 'meeting')).toHaveLength(5)
    expect([...after.keys()].filter((name) => name.startsWith('meetings/')).sort()).toEqual(meetingIds.map((id) => `meetings/${id}`).sort())
    await server.stop()

    // A second import writes nothing.
    const image = fingerprint(target)
    expect(await importIntoDataDir(file, importOptions(target))).toEqual({ status: 'already_imported', initiativeId: DEMO })
    expect(fingerprint(target)).toEqual(image)
  })

  it('refuses damaged, altered and unknown-version archives, writing nothing', async () => {
    const { file, source } = await demoSource()
    const bytes = await readFile(file)
    const dir = path.dirname(file)
    const files = await unpackTar(bytes)
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'))
    const repack = async (changes: (files: Map<string, Buffer>) => void) => {
      const copy = new Map(files)
      changes(copy)
      return packTar(
        [...copy].map(([p, b]) => ({ path: p, bytes: b })),
        { gzip: false, mtime: new Date() },
      )
    }
    const cases: [string, Buffer, string][] = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length / 2) + 100), 'archive_damaged'],
      ['truncated at a block boundary', bytes.subarray(0, 512 * 20), 'archive_damaged'],
      ['not an archive', Buffer.from('hello'), 'archive_damaged'],
      ['version 2', await repack((f) => f.set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, version: 2 })))), 'archive_version'],
      [
        'an altered byte',
        await repack((f) => {
          const agenda = [...f.keys()].find((k) => k.endsWith('agenda/updates.jsonl'))!
          const altered = Buffer.from(f.get(agenda)!)
          altered[40] = altered[40]! ^ 0x01
          f.set(agenda, altered)
        }),
        'archive_checksum',
      ],
      ['a file missing', await repack((f) => f.delete('approvals.jsonl')), 'archive_damaged'],
      ['a file added', await repack((f) => f.set('extra.json', Buffer.from('{}'))), 'archive_damaged'],
    ]
    // The gzip variant of a truncation, too.
    const gz = path.join(dir, 'demo.tar.gz')
    await exportFromDataDir({ dataDir: source.dataDir, initiativeId: DEMO, file: gz, logger: silentLogger })
    const gzBytes = await readFile(gz)
    expect([gzBytes[0], gzBytes[1]]).toEqual([0x1f, 0x8b])
    expect((await importIntoDataDir(gz, importOptions(await makeTempDir()))).status).toBe('imported')
    cases.push(['truncated gzip', gzBytes.subarray(0, gzBytes.length - 200), 'archive_damaged'])
    for (const [index, [what, archive, code]] of cases.entries()) {
      const target = await makeTempDir()
      const damaged = path.join(dir, `damaged-${index}.tar`)
      await writeFile(damaged, archive)
      await expectRefused(importIntoDataDir(damaged, importOptions(target)), code)
      expect(listFiles(target), `${what}: nothing written`).toEqual([])
    }
  })

  it('refuses an initiative the server already has unless imported --as another id', async () => {
    const { file, source } = await demoSource()
    const target = await makeTempDir()
    // The target has its own initiative under the demo's id.
    const other = await startTestServer({ dataDir: target })
    const owner = await other.directory.createUser({ email: 'owner@example.org', password: 'a long password 1', name: 'Owner', language: 'en' }, { ip: null })
    await other.directory.createInitiative(
      { id: DEMO, name: 'Someone else', description: '', languages: ['en'], geography: '' },
      { userId: owner.id, ip: null },
    )
    await other.stop()
    const image = fingerprint(target)
    await expectRefused(importIntoDataDir(file, importOptions(target)), 'initiative_exists')
    expect(fingerprint(target)).toEqual(image)
    await expectRefused(importIntoDataDir(file, importOptions(target, { as: 'Not An Id!' })), 'invalid_arguments')

    const result = await importIntoDataDir(file, importOptions(target, { as: 'copy1' }))
    expect(result.status).toBe('imported')
    const before = await readDocuments(source.dataDir, DEMO)
    const after = await readDocuments(target, 'copy1')
    expect([...after.keys()]).toEqual([...before.keys()])
    for (const [name, doc] of before) expect(after.get(name)!.state.equals(doc.state), name).toBe(true)
    const agenda = readModelOf(target, 'i/copy1/agenda')
    expect(JSON.stringify(agenda.state)).not.toContain(`i/${DEMO}/`)
    expect(JSON.stringify(agenda.state)).toBe(JSON.stringify(readModelOf(source.dataDir, `i/${DEMO}/agenda`).state).replaceAll(`i/${DEMO}/`, 'i/copy1/'))
    const server = await startTestServer({ dataDir: target })
    expect(server.directory.initiative('copy1')?.name).toBe(source.directory.initiative(DEMO)?.name)
    expect(server.directory.initiative(DEMO)?.name).toBe('Someone else')
    await server.stop()
    // Twice under the same new id: nothing.
    const image2 = fingerprint(target)
    expect(await importIntoDataDir(file, importOptions(target, { as: 'copy1' }))).toEqual({ status: 'already_imported', initiativeId: 'copy1' })
    expect(fingerprint(target)).toEqual(image2)
  })

  it('refuses to export while a server runs on the data directory', async () => {
    const dataDir = await makeTempDir()
    const server = await spawnServerProcess(dataDir, { SEED_DEMO: '1' })
    const file = path.join(await makeTempDir(), 'x.tar')
    await expectRefused(exportFromDataDir({ dataDir, initiativeId: DEMO, file, logger: silentLogger }), 'data_dir_locked')
    process.kill(server.pid, 'SIGTERM')
    await server.exited
    await expectRefused(exportFromDataDir({ dataDir, initiativeId: 'nope', file, logger: silentLogger }), 'not_found')
    expect(existsSync(file)).toBe(false)
  })
})

describe('online backup', () => {
  it('a backup taken while clients edit holds every update acknowledged before it began, also after kill -9', async () => {
    const dataDir = await makeTempDir()
    const server = await spawnServerProcess(dataDir)
    const owner = await signUp(server.url, 'Backup tester')
    const documents = [(await createInitiative(server.url, owner, 'One')).agenda, (await createInitiative(server.url, owner, 'Two')).agenda]
    const token = await createToken(server.url, owner)
    const headers = { authorization: `Bearer ${token.secret}` }
    const observers = await Promise.all(documents.map((doc) => connectSynced(server.syncUrl, doc, { headers })))
    const writers = await Promise.all(documents.flatMap((doc) => [0, 1].map(() => connectSynced(server.syncUrl, doc, { headers }))))
    let n = 0
    const timers = writers.map((writer, w) => setInterval(() => writer.doc.getArray<string>('array').push([`w${w}-${n++}`]), 2))
    // The observers see an entry only after the server appended it (append before broadcast): acknowledged.
    await waitFor(() => observers.every((o) => o.doc.getArray('array').length > 300), { what: 'edits under way', intervalMs: 50 })
    const acknowledged = observers.map((o) => o.doc.getArray<string>('array').toArray())
    const backupDir = path.join(await makeTempDir(), 'backup')
    const summary = await requestBackup({ dataDir, target: backupDir })
    process.kill(server.pid, 'SIGKILL')
    timers.forEach((timer) => clearInterval(timer))
    await server.exited
    expect(summary.documents).toBeGreaterThanOrEqual(2)
    expect(existsSync(path.join(backupDir, 'backup.json'))).toBe(true)
    expect(listFiles(path.dirname(backupDir)).filter((f) => f.includes('.partial'))).toEqual([])
    await Promise.all([...observers, ...writers].map((c) => c.destroy()))

    const restored = path.join(await makeTempDir(), 'restored')
    await restoreBackup(backupDir, restored)
    const fresh = await spawnServerProcess(restored)
    for (const [i, doc] of documents.entries()) {
      const reader = await connectSynced(fresh.syncUrl, doc, { headers })
      const present = new Set(reader.doc.getArray<string>('array').toArray())
      expect(acknowledged[i]!.filter((entry) => !present.has(entry))).toEqual([])
      await reader.destroy()
    }
    // The restored server knows the accounts: the same token still works over HTTP.
    expect((await getJson(`${fresh.url}/api/initiatives`, headers)).status).toBe(200)
  })

  it('restore refuses a damaged backup and a non-empty target', async () => {
    const source = await startTestServer({ seedDemo: true })
    await source.stop()
    const backupDir = path.join(await makeTempDir(), 'backup')
    const { takeBackup } = await import('../../server/src/archive/backup.ts')
    const storage = new DiskStorage({ dir: path.join(source.dataDir, 'documents'), fsync: 'never', logger: silentLogger })
    await takeBackup({ dataDir: source.dataDir, storage, target: backupDir, logger: silentLogger })
    await storage.close()
    await expectRefused(restoreBackup(backupDir, source.dataDir), 'target_exists')
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'backup.json'), 'utf8'))
    const victim = path.join(backupDir, manifest.files[0].path)
    const original = readFileSync(victim)
    await writeFile(victim, Buffer.concat([original, Buffer.from('x')]))
    const target = path.join(await makeTempDir(), 'restored')
    await expectRefused(restoreBackup(backupDir, target), 'archive_checksum')
    expect(existsSync(target)).toBe(false)
  })
})
