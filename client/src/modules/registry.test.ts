// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { ACTIONS } from '@common-ground/domain'
import en from '../i18n/en.json'
import he from '../i18n/he.json'
import { SECTION_ROUTES } from './sections.ts'

// The modules import the session store, which asks the server who is signed in on load: there is
// no server in a unit test, so the request fails as it does offline.
vi.stubGlobal('fetch', () => Promise.reject(new TypeError('no server in unit tests')))
const { MODULES, SECTIONS, findSection } = await import('./index.ts')

const lookup = (strings: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], strings)

describe('the client module registry', () => {
  it('gives every route of the section list exactly one section, in tab order', () => {
    expect(SECTIONS.map((s) => s.id)).toEqual(SECTION_ROUTES.map((r) => r.id))
    expect(MODULES.flatMap((m) => m.sections)).toHaveLength(SECTION_ROUTES.length)
    for (const route of SECTION_ROUTES) {
      const section = findSection(route.id)!
      expect(section.Item !== undefined, route.id).toBe(route.items)
    }
  })

  it('labels every section in every language and guards it with a real action', () => {
    for (const section of SECTIONS) {
      expect(lookup(en, section.labelKey), `en ${section.labelKey}`).toBeTypeOf('string')
      expect(lookup(he, section.labelKey), `he ${section.labelKey}`).toBeTypeOf('string')
      expect(Object.keys(ACTIONS)).toContain(section.action)
    }
  })
})
