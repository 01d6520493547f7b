// Words for comparing activity texts in Hebrew, Arabic and English: case and width folded, Hebrew
// points and final letters, Arabic vowel marks, tatweel and letter variants (أ إ آ → ا, ى → ي,
// ة → ه) normalised; the one-letter prefixes Hebrew attaches (ו ה ב כ ל מ ש) and Arabic's
// conjunctions, prepositions and article (و ف ب ل ك ال) stripped; English plurals folded; short and
// common words dropped. Two texts are alike when their word sets overlap.

const HEBREW_FINALS: Record<string, string> = { ך: 'כ', ם: 'מ', ן: 'נ', ף: 'פ', ץ: 'צ' }
const HEBREW_PREFIX = /^[והבכלמש]+/
const ARABIC_PREFIX = /^[وف]?(?:لل|[بلك]?ال)|^[وف][بلك]?/
const HEBREW = /[\u05d0-\u05ea]/
const ARABIC = /[\u0620-\u064a]/

const STOPWORDS = new Set([
  // English
  'the',
  'and',
  'for',
  'with',
  'from',
  'into',
  'our',
  'their',
  'this',
  'that',
  'are',
  'all',
  'new',
  'per',
  'via',
  'about',
  // Hebrew (after prefix stripping)
  'של',
  'את',
  'עם',
  'על',
  'אל',
  'גם',
  'כל',
  'או',
  'זה',
  'זו',
  'אשר',
  'בין',
  'עבור',
  'לכל',
  'יותר',
  // Arabic
  'في',
  'من',
  'على',
  'الى',
  'الي',
  'عن',
  'مع',
  'هذا',
  'هذه',
  'التي',
  'الذي',
  'كل',
  'او',
  'بين',
])

function foldArabic(word: string): string {
  return word
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
}

/** One word in its comparison form, or '' for a word that does not count. */
export function normaliseWord(word: string): string {
  let w = word.normalize('NFKC').toLowerCase()
  if (HEBREW.test(w)) {
    w = w.replace(/[\u0591-\u05c7]/g, '').replace(/[ךםןףץ]/g, (c) => HEBREW_FINALS[c]!)
    // As many prefix letters as leave a word of three letters or more ("בבית" → "בית", "בית" stays).
    const prefix = HEBREW_PREFIX.exec(w)?.[0].length ?? 0
    const strip = Math.min(prefix, w.length - 3)
    if (strip > 0) w = w.slice(strip)
  } else if (ARABIC.test(w)) {
    w = foldArabic(w)
    const m = ARABIC_PREFIX.exec(w)
    if (m && w.length - m[0].length >= 3) w = w.slice(m[0].length)
  } else {
    if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`
    else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1)
  }
  if (w.length < 3 || STOPWORDS.has(w) || /^\d+$/.test(w)) return ''
  return w
}

/** The distinct comparison words of a text. */
export function textTokens(text: string): Set<string> {
  const out = new Set<string>()
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const w = normaliseWord(m[0])
    if (w !== '') out.add(w)
  }
  return out
}

/** |A ∩ B| / |A ∪ B|, and the shared words (sorted). */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): { score: number; shared: string[] } {
  if (a.size === 0 || b.size === 0) return { score: 0, shared: [] }
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  const shared: string[] = []
  for (const w of small) if (large.has(w)) shared.push(w)
  return { score: shared.length / (a.size + b.size - shared.length), shared: shared.sort() }
}
