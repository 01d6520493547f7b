// The initiative archive over HTTP (docs/archive.md): backbone staff download the same tar as
// `pnpm cg export` from a running server (while someone edits), it verifies and imports into a
// fresh data directory with the same documents; the download is audited; other roles get 403,
// non-members 404, anonymous callers 401; a bad format is a 400.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DiskStorage, silentLogger } from '@common-ground/server'
import { readArchive } from '../../server/src/archive/readArchive.ts'
import { importIntoDataDir } from '../../server/src/archive/offline.ts'
import { api, signIn, signUp } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced } from './helpers/clients.ts'
import { getJson, makeTempDir, startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

const DEMO = 'beer-sheva-c2c'
const PASSWORD = 'demo-password'

async function download(url: string, cookie?: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${url}/api/initiatives/${DEMO}/export`, { headers: cookie ? { cookie } : {} })
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) }
}

async function stateOf(dataDir: string, name: string): Promise<Y.Doc> {
  const storage = new DiskStorage({ dir: path.join(dataDir, 'documents'), fsync: 'never', logger: silentLogger })
  const loaded = await storage.load(name)
  await storage.close()
  const doc = new Y.Doc()
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const record of loaded.records) Y.applyUpdate(doc, record.update)
  return doc
}

describe('GET /api/initiatives/:id/export', () => {
  it('backbone staff download a verifiable archive of the live initiative that imports into a fresh server', async () => {
    const server = await startTestServer({ access: 'enforced', seedDemo: true })
    const backbone = await signIn(server.url, 'backbone@demo.local', PASSWORD)
    const partnerPage = `i/${DEMO}/partners/${server.directory.partners(DEMO)[0]!.id}`
    // An edit acknowledged just before the download is in it.
    const editor = await connectSynced(server.syncUrl, partnerPage, { headers: { cookie: backbone.cookie } })
    editor.doc.getText('notes').insert(0, 'נערך ממש לפני ההורדה — edited just before the download')
    await waitFor(async () => (await server.storage.history(partnerPage)).length > 1, { what: 'the edit stored' })

    // A named version travels with the archive.
    const agenda = `i/${DEMO}/agenda`
    const named = await api(server.url, 'POST', `/api/initiatives/${DEMO}/history/versions`, {
      as: backbone,
      body: { document: agenda, name: 'Agreed at the June meeting · סוכם בישיבת יוני' },
    })
    expect(named.status).toBe(201)

    const answer = await download(server.url, backbone.cookie)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/x-tar')
    expect(answer.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${DEMO}-\\d{4}-\\d{2}-\\d{2}\\.tar"$`))
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(Number(answer.headers.get('content-length'))).toBe(answer.bytes.length)

    // The archive verifies (every checksum, counts, every history rebuilds its state) and holds no secret.
    const archive = await readArchive(answer.bytes)
    expect(archive.manifest.initiativeId).toBe(DEMO)
    expect(archive.manifest.counts.documents).toBeGreaterThanOrEqual(10)
    expect(archive.manifest.counts.approvals).toBeGreaterThan(0)
    expect(answer.bytes.includes(Buffer.from('scrypt$'))).toBe(false)
    expect(answer.bytes.includes(Buffer.from(backbone.cookie.split('=')[1]!))).toBe(false)

    // Audited.
    const audit = await api(server.url, 'GET', `/api/initiatives/${DEMO}/audit?action=initiative.exported`, { as: backbone })
    expect(audit.status).toBe(200)
    const entry = audit.body.entries.find((e: { action: string }) => e.action === 'initiative.exported')
    expect(entry).toMatchObject({
      actor: { id: backbone.userId },
      details: { format: 'tar', bytes: answer.bytes.length, documents: archive.manifest.counts.documents },
    })

    // gzip on request.
    const gz = await fetch(`${server.url}/api/initiatives/${DEMO}/export?format=tar.gz`, { headers: { cookie: backbone.cookie } })
    expect(gz.status).toBe(200)
    expect(gz.headers.get('content-type')).toBe('application/gzip')
    expect(gz.headers.get('content-disposition')).toMatch(/\.tar\.gz"$/)
    const gzBytes = Buffer.from(await gz.arrayBuffer())
    expect([gzBytes[0], gzBytes[1]]).toEqual([0x1f, 0x8b])
    expect((await readArchive(gzBytes)).manifest.counts.documents).toBe(archive.manifest.counts.documents)

    const bad = await api(server.url, 'GET', `/api/initiatives/${DEMO}/export?format=zip`, { as: backbone })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('validation_failed')

    const reportCard = await getJson(`${server.url}/api/public/initiatives/${DEMO}/report-card`)
    await editor.destroy()
    await server.stop()

    // Imported into a fresh data directory: the same document text, the same report card.
    const file = path.join(await makeTempDir('cg-archive-http-'), 'download.tar')
    await writeFile(file, answer.bytes)
    const target = await makeTempDir()
    const result = await importIntoDataDir(file, { dataDir: target, baseUrl: 'https://cg.example.org', logger: silentLogger })
    expect(result.status).toBe('imported')
    const copied = await stateOf(target, partnerPage)
    expect(copied.getText('notes').toString()).toContain('edited just before the download')
    const fresh = await startTestServer({ dataDir: target, access: 'enforced' })
    const card = await getJson(`${fresh.url}/api/public/initiatives/${DEMO}/report-card`)
    expect({ ...card.body, asOf: null }).toEqual({ ...reportCard.body, asOf: null })
    // The backbone, re-invited, finds the named version with its name, time and author's id.
    if (result.status !== 'imported') throw new Error('not imported')
    const link = result.invitations.find((i) => i.role === 'backbone')!.link
    const returning = await signUp(fresh.url, 'Returning backbone')
    const accepted = await api(fresh.url, 'POST', `/api/invitations/${link.split('/invite/')[1]}/accept`, { as: returning })
    expect(accepted.status).toBe(200)
    const versions = await api(fresh.url, 'GET', `/api/initiatives/${DEMO}/history/versions?document=${encodeURIComponent(agenda)}&named=true`, {
      as: returning,
    })
    expect(versions.status).toBe(200)
    expect(versions.body.versions.flatMap((v: { names: { name: string }[] }) => v.names.map((n) => n.name))).toEqual([
      'Agreed at the June meeting · סוכם בישיבת יוני',
    ])
    expect(versions.body.versions[0].seq).toBe(named.body.version.seq)
    await fresh.stop()
  })

  it('is backbone staff’s only: partner executives and participants 403, non-members 404, anonymous 401', async () => {
    const server = await startTestServer({ access: 'enforced', seedDemo: true })
    const partner = await signIn(server.url, 'partner@demo.local', PASSWORD)
    const participant = await signIn(server.url, 'participant@demo.local', PASSWORD)
    const outsider = await signUp(server.url, 'Outsider')
    for (const [who, account, status, code] of [
      ['partner executive', partner, 403, 'forbidden'],
      ['participant', participant, 403, 'forbidden'],
      ['non-member', outsider, 404, 'not_found'],
      ['anonymous', null, 401, 'unauthenticated'],
    ] as const) {
      const answer = await api(server.url, 'GET', `/api/initiatives/${DEMO}/export`, { as: account })
      expect(answer.status, who).toBe(status)
      expect(answer.body.error.code, who).toBe(code)
    }
    const backbone = await signIn(server.url, 'backbone@demo.local', PASSWORD)
    const audit = await api(server.url, 'GET', `/api/initiatives/${DEMO}/audit?action=initiative.exported`, { as: backbone })
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'initiative.exported')).toEqual([])
    await server.stop()
  })
})
