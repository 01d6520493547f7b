import { describe, expect, it } from 'vitest'
import { TermMatcher } from './glossary.ts'

const words = (text: string, matcher: TermMatcher) => matcher.find(text).map((m) => [text.slice(m.start, m.end), m.termId])

describe('TermMatcher', () => {
  it('finds whole words, case-insensitive, longest term first', () => {
    const matcher = new TermMatcher([
      { id: 't-ready', term: 'readiness' },
      { id: 't-school', term: 'School readiness' },
      { id: 't-kpi', term: 'KPI' },
    ])
    expect(words('school  readiness and readiness, not unreadiness; KPIs? no. KPI!', matcher)).toEqual([
      ['school  readiness', 't-school'],
      ['readiness', 't-ready'],
      ['KPI', 't-kpi'],
    ])
  })

  it('knows Hebrew prefix letters', () => {
    const matcher = new TermMatcher([
      { id: 't-1', term: 'מדד' },
      { id: 't-2', term: 'מוכנות לכיתה א' },
    ])
    expect(words('המדד, והמדד ובמדד; מדדים לא. מוכנות לכיתה א היא', matcher)).toEqual([
      ['מדד', 't-1'],
      ['מדד', 't-1'],
      ['מדד', 't-1'],
      ['מוכנות לכיתה א', 't-2'],
    ])
  })

  it('knows Arabic conjunctions, prepositions and the article', () => {
    const matcher = new TermMatcher([{ id: 't-1', term: 'مؤشر' }])
    expect(words('المؤشر والمؤشر بالمؤشر للمؤشر مؤشرات مؤشر', matcher)).toEqual([
      ['مؤشر', 't-1'],
      ['مؤشر', 't-1'],
      ['مؤشر', 't-1'],
      ['مؤشر', 't-1'],
      ['مؤشر', 't-1'],
    ])
  })

  it('treats regex characters in terms literally and matches nothing without terms', () => {
    expect(words('a (c++) b c++x', new TermMatcher([{ id: 't', term: 'c++' }]))).toEqual([['c++', 't']])
    expect(new TermMatcher([]).find('anything')).toEqual([])
    expect(new TermMatcher([{ id: 't', term: '   ' }]).find('   ')).toEqual([])
  })
})
