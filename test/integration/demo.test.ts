// The demo seed: on the first start with an empty data directory, one initiative with eight
// partners across sectors, a published bilingual agenda, partner pages, and one account per
// role that can sign in with `demo-password`; never seeded twice, and not at all when off.
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, signIn, type Account } from './helpers/accounts.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'

const PASSWORD = 'demo-password'
let server: TestServer
const as = {} as Record<'backbone' | 'partner' | 'participant', Account>

beforeAll(async () => {
  server = await startTestServer({ access: 'enforced', seedDemo: true })
  for (const role of ['backbone', 'partner', 'participant'] as const) as[role] = await signIn(server.url, `${role}@demo.local`, PASSWORD)
})

async function documentText(name: string): Promise<string> {
  const loaded = await server.storage.load(name)
  const doc = new Y.Doc()
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const record of loaded.records) Y.applyUpdate(doc, record.update)
  const text = doc.getXmlFragment('default').toString()
  doc.destroy()
  return text
}

describe('demo data', () => {
  it('gives each demo account its role in the Be’er Sheva initiative', async () => {
    const expected = { backbone: ['backbone', null], partner: ['partner', 'municipality'], participant: ['participant', null] } as const
    for (const role of ['backbone', 'partner', 'participant'] as const) {
      const list = await api(server.url, 'GET', '/api/initiatives', { as: as[role] })
      expect(list.body.initiatives).toHaveLength(1)
      const initiative = list.body.initiatives[0]
      expect(initiative).toMatchObject({
        id: 'beer-sheva-c2c',
        languages: ['he', 'ar', 'en'],
        published: ['agenda', 'reportCard'],
        role: expected[role][0],
        partnerId: expected[role][1],
      })
      expect(initiative.geography).toContain("Be'er Sheva")
    }
  })

  it('has eight partners, one per sector except "other", each with a page document', async () => {
    const answer = await api(server.url, 'GET', '/api/initiatives/beer-sheva-c2c/partners', { as: as.participant })
    expect(answer.body.partners).toHaveLength(8)
    expect(answer.body.missing).toEqual([]) // "other" is not a sector a coalition lacks
    for (const partner of answer.body.partners) {
      const text = await documentText(partner.documentName)
      expect(text).toMatch(/^<heading level="1">.+<\/heading><paragraph>.{80,}<\/paragraph>$/)
    }
    const members = await api(server.url, 'GET', '/api/initiatives/beer-sheva-c2c/members', { as: as.participant })
    expect(members.body.members.map((m: { email: string; role: string }) => [m.email, m.role]).sort()).toEqual([
      ['backbone@demo.local', 'backbone'],
      ['participant@demo.local', 'participant'],
      ['partner@demo.local', 'partner'],
    ])
  })

  it('publishes a bilingual agenda (English and Hebrew) that anyone can read', async () => {
    const text = await documentText('i/beer-sheva-c2c/agenda')
    expect(text).toContain('Common agenda')
    expect(text).toContain('אג׳נדה משותפת')
    const pub = await api(server.url, 'GET', '/api/public/initiatives/beer-sheva-c2c')
    expect(pub.status).toBe(200)
    expect(pub.body.documents).toEqual([{ name: 'i/beer-sheva-c2c/agenda', kind: 'agenda' }])
  })

  it('left an audit trail of how it was set up', async () => {
    const audit = await api(server.url, 'GET', '/api/initiatives/beer-sheva-c2c/audit', { as: as.backbone })
    const actions = new Set(audit.body.entries.map((e: { action: string }) => e.action))
    for (const action of ['initiative.created', 'partner.created', 'invitation.created', 'invitation.accepted', 'initiative.published', 'auth.signin']) {
      expect(actions).toContain(action)
    }
  })

  it('is seeded once: a restart on the same data directory keeps what people changed', async () => {
    await api(server.url, 'PATCH', '/api/initiatives/beer-sheva-c2c', { as: as.backbone, body: { geography: "Be'er Sheva and Ofakim" } })
    await server.stop()
    const again = await startTestServer({ access: 'enforced', seedDemo: true, dataDir: server.dataDir })
    const backbone = await signIn(again.url, 'backbone@demo.local', PASSWORD)
    const list = await api(again.url, 'GET', '/api/initiatives', { as: backbone })
    expect(list.body.initiatives).toHaveLength(1)
    expect(list.body.initiatives[0].geography).toBe("Be'er Sheva and Ofakim")
  })

  it('is not seeded with seedDemo off', async () => {
    const bare = await startTestServer({ access: 'enforced', seedDemo: false })
    const login = await api(bare.url, 'POST', '/api/auth/login', { body: { email: 'backbone@demo.local', password: PASSWORD } })
    expect(login.status).toBe(401)
    expect((await api(bare.url, 'GET', '/api/public/initiatives/beer-sheva-c2c')).status).toBe(404)
  })
})
