import { describe, expect, it } from 'vitest'
import { isOriginAllowed } from './origin.ts'

describe('isOriginAllowed', () => {
  it('allows requests without an Origin (non-browser clients)', () => {
    expect(isOriginAllowed(undefined, 'example.org', [])).toBe(true)
  })
  it('allows the same host and port', () => {
    expect(isOriginAllowed('http://127.0.0.1:3000', '127.0.0.1:3000', [])).toBe(true)
    expect(isOriginAllowed('https://cg.example.org', 'cg.example.org', [])).toBe(true)
  })
  it('refuses another host, another port, or a look-alike', () => {
    expect(isOriginAllowed('http://evil.example', '127.0.0.1:3000', [])).toBe(false)
    expect(isOriginAllowed('http://127.0.0.1:3001', '127.0.0.1:3000', [])).toBe(false)
    expect(isOriginAllowed('http://127.0.0.1:3000.evil.example', '127.0.0.1:3000', [])).toBe(false)
    expect(isOriginAllowed('null', '127.0.0.1:3000', [])).toBe(false)
    expect(isOriginAllowed('file://127.0.0.1:3000', '127.0.0.1:3000', [])).toBe(false)
  })
  it('allows exactly the listed origins', () => {
    expect(isOriginAllowed('http://localhost:5173', '127.0.0.1:3000', ['http://localhost:5173'])).toBe(true)
    expect(isOriginAllowed('http://localhost:5174', '127.0.0.1:3000', ['http://localhost:5173'])).toBe(false)
  })
})
