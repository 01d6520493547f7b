// Where the glossary's terms appear in a text, for highlighting them in the agenda. Matching is
// on whole words, case-insensitive, Unicode-aware, and knows the prefixes Hebrew and Arabic
// attach to a word: "והמדד" contains the term "מדד" (ו + ה + מדד), "والمؤشر" contains "مؤشر"
// (و + ال + مؤشر). The longest term wins where terms overlap.
import { normaliseTerm } from './derive.ts'

export interface TermMatch {
  /** UTF-16 offsets of the term itself in the text (prefix letters excluded). */
  start: number
  end: number
  termId: string
}

/** Hebrew one-letter prefixes (ו ה ב כ ל מ ש), up to three; Arabic conjunctions, prepositions and the article. */
const PREFIX = '(?:[\u05d5\u05d4\u05d1\u05db\u05dc\u05de\u05e9]{1,3}|[\u0648\u0641]?(?:[\u0628\u0644\u0643]|\u0644\u0644)?(?:\u0627\u0644)?)?'
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export class TermMatcher {
  private pattern: RegExp | null
  private ids = new Map<string, string>()

  constructor(terms: readonly { id: string; term: string }[]) {
    for (const { id, term } of terms) {
      const key = normaliseTerm(term)
      if (key !== '' && !this.ids.has(key)) this.ids.set(key, id)
    }
    const alternatives = [...this.ids.keys()].sort((a, b) => b.length - a.length).map((key) => escape(key).replace(/ /g, '\\s+'))
    this.pattern =
      alternatives.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(${PREFIX})(${alternatives.join('|')})(?![\\p{L}\\p{N}\\p{M}])`, 'giu')
  }

  /** The matches in `text`, in order, not overlapping. */
  find(text: string): TermMatch[] {
    if (!this.pattern) return []
    const matches: TermMatch[] = []
    const normalised = text.normalize('NFC')
    // NFC can change lengths; offsets are only meaningful when it does not (the editor's text is NFC in practice).
    if (normalised.length !== text.length) return matches
    for (const m of normalised.matchAll(this.pattern)) {
      const start = m.index + m[1]!.length
      const termId = this.ids.get(normaliseTerm(m[2]!))
      if (termId) matches.push({ start, end: start + m[2]!.length, termId })
    }
    return matches
  }
}
