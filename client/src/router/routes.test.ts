import { describe, expect, it } from 'vitest'
import en from '../i18n/en.json'
import he from '../i18n/he.json'
import { SECTION_ROUTES, sectionRoute } from '../modules/sections.ts'
import { documentPath, initiativePath, nextPath, parseRoute, partnerPath, publicPath, publicReportCardPath, signInPath } from './routes.ts'

describe('parseRoute', () => {
  it('names every screen', () => {
    expect(parseRoute('/')).toEqual({ name: 'home' })
    expect(parseRoute('')).toEqual({ name: 'home' })
    expect(parseRoute('/signin')).toEqual({ name: 'signin' })
    expect(parseRoute('/signup/')).toEqual({ name: 'signup' })
    expect(parseRoute('/account/tokens')).toEqual({ name: 'tokens' })
    expect(parseRoute('/invite/abc')).toEqual({ name: 'invite', token: 'abc' })
    expect(parseRoute('/account')).toEqual({ name: 'account' })
    expect(parseRoute('/reset/abc')).toEqual({ name: 'reset', token: 'abc' })
    expect(parseRoute('/p/beer-sheva')).toEqual({ name: 'public', initiativeId: 'beer-sheva' })
    expect(parseRoute('/p/beer-sheva/report')).toEqual({ name: 'publicReportCard', initiativeId: 'beer-sheva' })
    expect(parseRoute('/p/beer-sheva/report/')).toEqual({ name: 'publicReportCard', initiativeId: 'beer-sheva' })
    expect(parseRoute('/d/i/beer-sheva/agenda')).toEqual({ name: 'document', documentName: 'i/beer-sheva/agenda' })
  })

  it('opens every section of the registry, and one item where the section has items', () => {
    expect(parseRoute('/i/x')).toEqual({ name: 'initiative', initiativeId: 'x', section: 'home' })
    for (const section of SECTION_ROUTES.slice(1)) {
      expect(parseRoute(`/i/x/${section.id}`)).toEqual({ name: 'initiative', initiativeId: 'x', section: section.id })
      expect(parseRoute(`/i/x/${section.id}/`)).toEqual({ name: 'initiative', initiativeId: 'x', section: section.id })
      const item = parseRoute(`/i/x/${section.id}/item-1`)
      if (section.items) expect(item).toEqual({ name: 'initiative', initiativeId: 'x', section: section.id, itemId: 'item-1' })
      else expect(item.name).toBe('notFound')
    }
    expect(parseRoute(partnerPath('x', 'clinic'))).toEqual({ name: 'initiative', initiativeId: 'x', section: 'partners', itemId: 'clinic' })
  })

  it('refuses what it does not know, and bad encodings, without throwing', () => {
    for (const path of [
      '/i/x/home',
      '/i/x/nope',
      '/i/x/partners/a/b',
      '/i',
      '/invite',
      '/invite/a/b',
      '/reset',
      '/reset/a/b',
      '/p/a/b',
      '/p/a/report/x',
      '/d/%E0%A4%A',
      '/i/%E0%A4%A',
      '/x//y',
      '/elsewhere',
    ]) {
      expect(parseRoute(path), path).toEqual({ name: 'notFound', path })
    }
  })

  it('round-trips the path builders, with names that need encoding', () => {
    expect(parseRoute(documentPath('i/a b/agenda'))).toEqual({ name: 'document', documentName: 'i/a b/agenda' })
    expect(initiativePath('a b')).toBe('/i/a%20b')
    expect(initiativePath('x', 'members')).toBe('/i/x/members')
    expect(parseRoute(publicReportCardPath('a b'))).toEqual({ name: 'publicReportCard', initiativeId: 'a b' })
    expect(publicPath('שלום')).toBe('/p/%D7%A9%D7%9C%D7%95%D7%9D')
    expect(parseRoute(initiativePath('שלום', 'audit'))).toEqual({ name: 'initiative', initiativeId: 'שלום', section: 'audit' })
  })
})

describe('sign-in return paths', () => {
  it('builds and reads ?next=', () => {
    expect(signInPath()).toBe('/signin')
    expect(signInPath('/')).toBe('/signin')
    expect(signInPath('/i/x?tab=1', 'signup')).toBe('/signup?next=%2Fi%2Fx%3Ftab%3D1')
    expect(nextPath('?next=%2Fi%2Fx')).toBe('/i/x')
    expect(nextPath('')).toBe('/')
  })

  it('never returns to another site', () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'javascript:alert(1)', 'i/x']) {
      expect(nextPath(`?next=${encodeURIComponent(next)}`), JSON.stringify(next)).toBe('/')
    }
  })
})

describe('the section list', () => {
  it('has unique ids, each with a tab label in every language', () => {
    const ids = SECTION_ROUTES.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) {
      expect((en as { sections: Record<string, string> }).sections[id], `en sections.${id}`).toBeTruthy()
      expect((he as { sections: Record<string, string> }).sections[id], `he sections.${id}`).toBeTruthy()
      expect(sectionRoute(id)?.id).toBe(id)
    }
    expect(sectionRoute('nope')).toBeUndefined()
  })
})
