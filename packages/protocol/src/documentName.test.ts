import { describe, expect, it } from 'vitest'
import { checkDocumentName, documentFileName, documentNameFromFileName, isValidDocumentName } from './documentName.ts'

describe('document names', () => {
  it.each(['agenda', 'demo/agenda', 'initiative-1/meeting.2026-11-27', 'A_b-c.d/e/f/g'])('accepts %s', (name) => {
    expect(isValidDocumentName(name)).toBe(true)
    expect(documentNameFromFileName(documentFileName(name))).toBe(name)
    expect(documentFileName(name)).not.toContain('/')
  })

  it.each([
    '',
    '..',
    '.',
    '../etc/passwd',
    'a/../b',
    'a//b',
    '/abs',
    'a/',
    '.hidden',
    'a\\b',
    'a b',
    '%2e%2e',
    'a/b/c/d/e',
    'x'.repeat(201),
    'ünïcode',
    'a\u0000b',
    'seg/.git',
  ])('refuses %j', (name) => {
    expect(checkDocumentName(name).ok).toBe(false)
    expect(() => documentFileName(name)).toThrow()
  })

  it('does not decode a foreign file name into a document name', () => {
    expect(documentNameFromFileName('%2E%2E')).toBeNull()
    expect(documentNameFromFileName('a%2Fb')).toBe('a/b')
    expect(documentNameFromFileName('a%2fb')).toBeNull()
    expect(documentNameFromFileName('%E0%A4%A')).toBeNull()
  })
})
