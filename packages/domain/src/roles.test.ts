// Sector coverage: "other" is a catch-all, never a sector a coalition lacks.
import { describe, expect, it } from 'vitest'
import { COVERAGE_SECTORS, missingSectors, SECTORS } from './roles.ts'

describe('missingSectors', () => {
  it('lists the sectors no partner comes from, in order, never "other"', () => {
    expect(missingSectors([])).toEqual(COVERAGE_SECTORS)
    expect(missingSectors([])).not.toContain('other')
    expect(missingSectors(['government', 'business', 'other'])).toEqual(['nonprofit', 'philanthropy', 'education', 'health', 'community', 'academia'])
    expect(missingSectors(SECTORS.filter((s) => s !== 'other'))).toEqual([])
  })

  it('counts every sector but "other"', () => {
    expect(COVERAGE_SECTORS).toEqual(SECTORS.filter((s) => s !== 'other'))
    expect(COVERAGE_SECTORS).toHaveLength(SECTORS.length - 1)
  })
})
