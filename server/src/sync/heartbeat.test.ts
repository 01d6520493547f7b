import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HeartbeatWheel } from './heartbeat.ts'

describe('HeartbeatWheel', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('visits every item once per period, a thirty-second of them per turn', () => {
    const turns: number[][] = []
    let current: number[] = []
    const wheel = new HeartbeatWheel<number>(3_200, (item) => current.push(item))
    for (let i = 0; i < 1_000; i++) wheel.add(i)
    for (let turn = 0; turn < 64; turn++) {
      vi.advanceTimersByTime(100)
      turns.push(current)
      current = []
    }
    wheel.stop()
    // Two periods: each item twice, never more than ceil(1000 / 32) items in one turn.
    const counts = new Map<number, number>()
    for (const item of turns.flat()) counts.set(item, (counts.get(item) ?? 0) + 1)
    expect(counts.size).toBe(1_000)
    expect([...counts.values()].every((n) => n === 2)).toBe(true)
    expect(Math.max(...turns.map((t) => t.length))).toBe(32)
    expect(Math.min(...turns.map((t) => t.length))).toBe(31)
  })

  it('stops visiting an item once deleted, also when the visit itself deletes it', () => {
    const visited: string[] = []
    const wheel = new HeartbeatWheel<string>(320, (item) => {
      visited.push(item)
      wheel.delete(item) // like a connection closed by its heartbeat
    })
    wheel.add('a')
    wheel.add('b')
    wheel.delete('b')
    vi.advanceTimersByTime(320 * 3)
    wheel.stop()
    expect(visited).toEqual(['a'])
  })

  it('stops turning when stopped', () => {
    const visit = vi.fn()
    const wheel = new HeartbeatWheel<number>(320, visit)
    wheel.add(1)
    wheel.stop()
    vi.advanceTimersByTime(10_000)
    expect(visit).not.toHaveBeenCalled()
  })
})
