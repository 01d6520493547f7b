import { describe, expect, it } from 'vitest'
import { AttemptLimiter } from './attemptLimiter.ts'

function limiter(limit: number, windowMs: number) {
  let now = 1_000_000
  const l = new AttemptLimiter({ limit, windowMs, now: () => now })
  return { l, advance: (ms: number) => (now += ms) }
}

describe('AttemptLimiter', () => {
  it('allows attempts until the limit of failures, then refuses with a retry delay', () => {
    const { l } = limiter(3, 60_000)
    for (let i = 0; i < 3; i++) {
      expect(l.check('a')).toEqual({ allowed: true })
      l.fail('a')
    }
    expect(l.check('a')).toEqual({ allowed: false, retryAfterSeconds: 60 })
  })

  it('keeps keys apart', () => {
    const { l } = limiter(1, 60_000)
    l.fail('a')
    expect(l.check('a').allowed).toBe(false)
    expect(l.check('b').allowed).toBe(true)
  })

  it('slides: the oldest failure leaving the window frees one attempt', () => {
    const { l, advance } = limiter(2, 10_000)
    l.fail('a')
    advance(4_000)
    l.fail('a')
    expect(l.check('a')).toEqual({ allowed: false, retryAfterSeconds: 6 })
    advance(6_000)
    expect(l.check('a')).toEqual({ allowed: true })
    l.fail('a')
    expect(l.check('a')).toEqual({ allowed: false, retryAfterSeconds: 4 })
  })

  it('forgets failures on reset and after the window', () => {
    const { l, advance } = limiter(1, 1_000)
    l.fail('a')
    l.reset('a')
    expect(l.check('a').allowed).toBe(true)
    l.fail('b')
    advance(1_001)
    expect(l.check('b').allowed).toBe(true)
    expect(l.size).toBe(0)
  })

  it('never answers a retry delay below one second', () => {
    const { l, advance } = limiter(1, 1_000)
    l.fail('a')
    advance(999)
    expect(l.check('a')).toEqual({ allowed: false, retryAfterSeconds: 1 })
  })
})
