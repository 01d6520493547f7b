// @vitest-environment happy-dom
// Every feature area's string files (client/src/i18n/areas/<area>.<language>.json) come in every
// interface language with the same keys, and none collides with a top-level key of en.json.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from './en.json'
import { LANGUAGES } from './index.ts'

const dir = join(import.meta.dirname, 'areas')
const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
const areas = [...new Set(files.map((f) => f.split('.')[0]!))]

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix]
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('area strings', () => {
  it.each(areas)('%s has every language with the same keys', (area) => {
    const byLanguage = LANGUAGES.map((language) => {
      const file = `${area}.${language}.json`
      expect(files, `${file} is missing`).toContain(file)
      return keys(JSON.parse(readFileSync(join(dir, file), 'utf8'))).sort()
    })
    for (const other of byLanguage.slice(1)) expect(other).toEqual(byLanguage[0])
    expect(Object.keys(en)).not.toContain(area)
  })

  it('has no empty string', () => {
    for (const file of files) {
      const flat = JSON.stringify(JSON.parse(readFileSync(join(dir, file), 'utf8')))
      expect(flat, file).not.toContain('""')
    }
  })
})
