import { describe, expect, it } from 'vitest'
import { initials } from './initials.ts'

describe('initials', () => {
  it('takes the first letters of the first two words, in any script', () => {
    expect(initials('dana levi cohen')).toBe('DL')
    expect(initials('  רונית   אברהם ')).toBe('רא')
    expect(initials('سلمى')).toBe('س')
    expect(initials('😀 smile')).toBe('😀S')
    expect(initials('   ')).toBe('?')
  })
})
