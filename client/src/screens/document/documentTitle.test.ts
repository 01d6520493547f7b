// @vitest-environment happy-dom
// A document page names its document and its initiative, in the interface language; the raw
// document id of an initiative document never becomes its title.
import { describe, expect, it } from 'vitest'
import { agendaDocumentName, measurementsDocumentName, parseDocumentName, partnerDocumentName } from '@common-ground/domain'
import { i18next } from '../../i18n/index.ts'
import { documentTitle } from './documentTitle.ts'

const title = (name: string, names: { initiative?: string | null; partner?: string | null } = {}) =>
  documentTitle(i18next.t.bind(i18next) as never, name, parseDocumentName(name), names)

describe('documentTitle', () => {
  it('names the agenda, a partner page and the sheet with their initiative', async () => {
    await i18next.changeLanguage('en')
    expect(title(agendaDocumentName('c2c'), { initiative: 'Cradle to Career' })).toEqual({
      heading: 'Common agenda',
      page: 'Common agenda — Cradle to Career',
      initiative: 'Cradle to Career',
    })
    expect(title(partnerDocumentName('c2c', 'city'), { initiative: 'Cradle to Career', partner: 'The City' }).heading).toBe('The City')
    expect(title(measurementsDocumentName('c2c'), { initiative: 'Cradle to Career' }).page).toBe('Measurement sheet — Cradle to Career')
  })

  it('before the names are known (loading, offline, a public reader), says what the document is, never its id', async () => {
    await i18next.changeLanguage('en')
    for (const name of [agendaDocumentName('c2c'), partnerDocumentName('c2c', 'city'), measurementsDocumentName('c2c')]) {
      const { heading, page, initiative } = title(name)
      expect([heading, page, initiative].join(' ')).not.toContain('c2c')
    }
    expect(title(partnerDocumentName('c2c', 'city')).heading).toBe('Partner page')
    expect(title(agendaDocumentName('c2c')).initiative).toBe('Initiative')
  })

  it('speaks Hebrew', async () => {
    await i18next.changeLanguage('he')
    expect(title(measurementsDocumentName('c2c'), { initiative: 'מעריסה לקריירה' }).page).toBe('גיליון המדידה — מעריסה לקריירה')
    await i18next.changeLanguage('en')
  })

  it('a document outside any initiative keeps its name', () => {
    expect(title('demo/agenda')).toEqual({ heading: 'demo/agenda', page: 'demo/agenda', initiative: null })
  })
})
