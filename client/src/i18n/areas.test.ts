// @vitest-environment happy-dom
// Every feature area's string files (client/src/i18n/areas/<area>.<language>.json) come in every
// interface language with the same keys, none is empty, and no area collides with a top-level key of en.json.
import { describe, expect, it } from 'vitest'
import en from './en.json'
import { LANGUAGES } from './index.ts'

const files = import.meta.glob<{ default: Record<string, unknown> }>('./areas/*.json', { eager: true })
const byName = new Map(Object.entries(files).map(([path, module]) => [path.split('/').pop()!, module.default]))
const areas = [...new Set([...byName.keys()].map((f) => f.split('.')[0]!))]

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix]
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('area strings', () => {
  it.each(areas)('%s has every language with the same keys', (area) => {
    const byLanguage = LANGUAGES.map((language) => {
      const strings = byName.get(`${area}.${language}.json`)
      expect(strings, `${area}.${language}.json is missing`).toBeDefined()
      return keys(strings).sort()
    })
    for (const other of byLanguage.slice(1)) expect(other).toEqual(byLanguage[0])
    expect(Object.keys(en)).not.toContain(area)
  })

  it('has no empty string', () => {
    for (const [file, strings] of byName) expect(JSON.stringify(strings), file).not.toContain('""')
  })
})
