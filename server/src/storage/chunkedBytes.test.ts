import { describe, expect, it } from 'vitest'
import { ChunkedBytes } from './chunkedBytes.ts'

function record(i: number, size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, j) => (i * 31 + j) & 0xff)
}

describe('ChunkedBytes', () => {
  it('returns every pushed byte in order, across chunk boundaries and records larger than a chunk', () => {
    const bytes = new ChunkedBytes()
    const pushed: Uint8Array[] = []
    const sizes = [1, 40, 255, 256, 257, 3, 1000, 70_000, 12, 65_536, 9]
    for (let i = 0; i < 2_000; i++) {
      const r = record(i, sizes[i % sizes.length]!)
      bytes.push(r)
      pushed.push(r)
    }
    const expected = Buffer.concat(pushed)
    expect(bytes.length).toBe(expected.length)
    expect(bytes.toBuffer().equals(expected)).toBe(true)
  })

  it('holds many small records in few chunks', () => {
    const bytes = new ChunkedBytes()
    for (let i = 0; i < 10_000; i++) bytes.push(record(i, 60))
    // 600 KB in chunks that double from 256 B to 64 KB: a few dozen, not 10,000.
    expect((bytes as unknown as { full: Buffer[] }).full.length).toBeLessThan(20)
    expect(bytes.toBuffer().length).toBe(600_000)
  })

  it('copies what it is given and starts over after clear', () => {
    const bytes = new ChunkedBytes()
    const r = record(1, 10)
    bytes.push(r)
    r.fill(0)
    expect(bytes.toBuffer().equals(Buffer.from(record(1, 10)))).toBe(true)
    bytes.clear()
    expect(bytes.length).toBe(0)
    expect(bytes.toBuffer().length).toBe(0)
    bytes.push(record(2, 5))
    expect(bytes.toBuffer().equals(Buffer.from(record(2, 5)))).toBe(true)
  })
})
