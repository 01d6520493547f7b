// @vitest-environment happy-dom
// Every interface language (English, Hebrew, Arabic) has every string: the shared files
// (client/src/i18n/<language>.json) and every feature area's files (areas/<area>.<language>.json)
// come in every language with the same keys — a plural key in each plural form its language has
// (Intl.PluralRules: Arabic zero/one/two/few/many/other) —, the same placeholders, none empty,
// no area collides with a top-level key of en.json, and a crude "not translated" guard: no Hebrew or
// Arabic string of more than a few words equals its English one, and every Arabic string that has
// Latin letters has Arabic letters too (an explicit allow-list for names, formats and codes).
import { describe, expect, it } from 'vitest'
import en from './en.json'
import he from './he.json'
import ar from './ar.json'
import { i18next, LANGUAGES } from './index.ts'

const files = import.meta.glob<{ default: Record<string, unknown> }>('./areas/*.json', { eager: true })
const byName = new Map(Object.entries(files).map(([path, module]) => [path.split('/').pop()!, module.default]))
const areas = [...new Set([...byName.keys()].map((f) => f.split('.')[0]!))]
const SHARED: Record<string, unknown> = { en, he, ar }

/** Keys allowed to read the same as in English (or to have no Arabic letter): names, formats and examples. */
const SAME_AS_ENGLISH = new Set(['app.name', 'agenda.periodPlaceholder', 'newcomer.document.pageTitle', 'newcomer.audit.separator'])

const PLURAL = /_(zero|one|two|few|many|other)$/

function entries(value: unknown, prefix = ''): [string, string][] {
  if (value === null || typeof value !== 'object') return [[prefix, String(value)]]
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k))
}

/** All strings of a language: the shared file and each area under its name. */
function strings(language: string): Map<string, string> {
  const all = new Map(entries(SHARED[language]))
  for (const area of areas) for (const [key, value] of entries(byName.get(`${area}.${language}.json`), area)) all.set(key, value)
  return all
}

/** A plural form of a key (`count_two`), as opposed to a key that only ends like one (`too_many`). */
function isPlural(key: string): boolean {
  return PLURAL.test(key) && ENGLISH.has(key.replace(PLURAL, '_other'))
}

/** The keys without their plural suffix: what every language must have. */
function baseKeys(keys: Iterable<string>): string[] {
  return [...new Set([...keys].map((key) => (isPlural(key) ? key.replace(PLURAL, '') : key)))].sort()
}

const ENGLISH = strings('en')

const placeholders = (value: string) => [...value.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]!)

describe('area strings', () => {
  it.each(areas)('%s has every language with the same keys', (area) => {
    const byLanguage = LANGUAGES.map((language) => {
      const file = byName.get(`${area}.${language}.json`)
      expect(file, `${area}.${language}.json is missing`).toBeDefined()
      return baseKeys(entries(file, area).map(([key]) => key))
    })
    for (const other of byLanguage.slice(1)) expect(other).toEqual(byLanguage[0])
    expect(Object.keys(en)).not.toContain(area)
  })

  it('has no empty string', () => {
    for (const [file, strings] of byName) expect(JSON.stringify(strings), file).not.toContain('""')
    for (const language of LANGUAGES) expect(JSON.stringify(SHARED[language]), `${language}.json`).not.toContain('""')
  })
})

describe.each(LANGUAGES)('every string in %s', (language) => {
  const mine = strings(language)
  const english = ENGLISH
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories

  it('has every key of English, and no key English lacks', () => {
    expect(baseKeys(mine.keys())).toEqual(baseKeys(english.keys()))
  })

  it('has each plural form its language uses', () => {
    const plurals = new Set([...english.keys()].filter(isPlural).map((key) => key.replace(PLURAL, '')))
    for (const base of plurals) for (const category of categories) expect(mine.has(`${base}_${category}`), `${base}_${category}`).toBe(true)
  })

  it('keeps the placeholders of English', () => {
    for (const [key, value] of mine) {
      const englishValue = english.get(key) ?? english.get(key.replace(PLURAL, '_other'))!
      const expected = new Set(placeholders(englishValue))
      // A plural form may spell its number out ("one partner", "شريكان") instead of {{count}}.
      if (isPlural(key)) expected.delete('count')
      for (const name of expected) expect(placeholders(value), `${language} ${key}`).toContain(name)
      for (const name of placeholders(value)) expect([...placeholders(englishValue), 'count'], `${language} ${key}`).toContain(name)
    }
  })

  it.skipIf(language === 'en')('translates everything longer than a few words', () => {
    const untranslated = [...mine].filter(([key, value]) => !SAME_AS_ENGLISH.has(key) && value.split(/\s+/).length > 2 && value === english.get(key))
    expect(untranslated).toEqual([])
  })

  it.skipIf(language !== 'ar')('writes Arabic in Arabic letters', () => {
    const latinOnly = [...mine].filter(
      ([key, value]) => !SAME_AS_ENGLISH.has(key) && /[A-Za-z]{3}/.test(value.replace(/\{\{[^}]*\}\}/g, '')) && !/[\u0600-\u06FF]/.test(value),
    )
    expect(latinOnly).toEqual([])
  })
})

describe('Arabic plurals', () => {
  it('picks the form Arabic grammar wants for each number', () => {
    const t = i18next.getFixedT('ar')
    const partners = [0, 1, 2, 3, 10, 11, 99, 100, 102].map((count) => t('partners.count', { count }))
    expect(partners).toEqual(['لا يوجد شركاء', 'شريك واحد', 'شريكان', '3 شركاء', '10 شركاء', '11 شريكًا', '99 شريكًا', '100 شريك', '102 شريك'])
    expect(t('measurement.approvals.approved', { count: 2 })).toBe('تم اعتماد قيمتين.')
  })
})
