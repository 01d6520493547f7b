// A new initiative's agenda: blank by default (the name and the description), or the common-agenda
// template — its sections with prompts in every language of the initiative — written as the first
// update, attributed to the creator; an unknown template is refused.
import { describe, expect, it } from 'vitest'
import { agendaDocumentName } from '@common-ground/domain'
import { api, signUp } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'

useCleanup()

describe('the agenda of a new initiative', () => {
  it('starts blank, or from the common-agenda template in the initiative’s languages', async () => {
    const server = await startTestServer({ access: 'enforced' })
    const backbone = await signUp(server.url, 'Founder')
    const create = (body: Record<string, unknown>) => api(server.url, 'POST', '/api/initiatives', { as: backbone, body })
    const text = async (id: string) => {
      const client = await connectSynced(server.syncUrl, agendaDocumentName(id), { headers: { cookie: backbone.cookie } })
      const xml = client.doc.getXmlFragment('default').toString()
      await client.destroy()
      return xml
    }

    const blank = await create({ name: 'Blank start', description: 'Only this.', languages: ['en'] })
    expect(blank.status).toBe(201)
    const blankXml = await text(blank.body.initiative.id)
    expect(blankXml).toContain('Blank start')
    expect(blankXml).toContain('Only this.')
    expect(blankXml).not.toContain('The problem')

    const templated = await create({ name: 'Templated', languages: ['he', 'en'], agendaTemplate: 'commonAgenda' })
    expect(templated.status).toBe(201)
    const xml = await text(templated.body.initiative.id)
    for (const heading of ['The problem', 'Our shared vision', 'Goals and shared measurement', 'Continuous communication', 'The backbone organisation'])
      expect(xml).toContain(heading)
    for (const heading of ['הבעיה', 'החזון המשותף שלנו', 'ארגון השדרה']) expect(xml).toContain(heading)
    expect(xml).not.toContain('المشكلة')
    // Hebrew first, as the initiative lists its languages; each part headed by its language.
    expect(xml.indexOf('עברית')).toBeLessThan(xml.indexOf('English'))
    expect(xml.indexOf('הבעיה')).toBeLessThan(xml.indexOf('The problem'))

    const arabic = await create({ name: 'مبادرة الحي', languages: ['ar'], agendaTemplate: 'commonAgenda' })
    const arXml = await text(arabic.body.initiative.id)
    expect(arXml).toContain('المشكلة')
    expect(arXml).not.toContain('العربية</heading>') // one language: no language heading

    const wrong = await create({ name: 'Wrong', languages: ['en'], agendaTemplate: 'fancy' })
    expect([wrong.status, wrong.body.error.code, wrong.body.error.fields?.agendaTemplate]).toEqual([400, 'validation_failed', expect.any(String)])
  })
})
