import { describe, expect, it } from 'vitest'
import { STATIC_LANGUAGES, STATIC_STRINGS, translator } from './strings.ts'

describe('the static report card strings', () => {
  it('has every key in every language, with the same placeholders', () => {
    const keys = Object.keys(STATIC_STRINGS.en).sort()
    for (const language of STATIC_LANGUAGES) {
      expect(Object.keys(STATIC_STRINGS[language]).sort(), language).toEqual(keys)
      for (const key of keys) {
        const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
        const table = STATIC_STRINGS[language] as Record<string, string>
        expect(placeholders(table[key]!), `${language}.${key}`).toEqual(placeholders((STATIC_STRINGS.en as Record<string, string>)[key]!))
        expect(table[key]!.trim(), `${language}.${key}`).not.toBe('')
      }
    }
    // Hebrew is Hebrew.
    expect(STATIC_STRINGS.he.title).toMatch(/[\u0590-\u05FF]/)
  })

  it('fills placeholders', () => {
    expect(translator('en')('trending', { count: 4, total: 7 })).toBe('4 of 7 indicators trending in the right direction')
    expect(translator('he')('onTrack', { count: 2, total: 7 })).toBe('2 מתוך 7 בדרך ליעד')
  })
})
