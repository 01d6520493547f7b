// Document names: what a client may put after /sync/, and how a name maps to a file name.

/** One path segment: starts with a letter or digit, then letters, digits, `_`, `-`, `.`. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/
export const MAX_DOCUMENT_NAME_LENGTH = 200
export const MAX_DOCUMENT_NAME_SEGMENTS = 4

export type DocumentNameCheck = { ok: true } | { ok: false; reason: string }

/**
 * A valid name is 1–4 segments joined by `/` (for example `demo/agenda`), at most 200
 * characters. No segment can be `.` or `..` or start with a dot, so no name can climb out of
 * the data directory.
 */
export function checkDocumentName(name: string): DocumentNameCheck {
  if (typeof name !== 'string' || name.length === 0) return { ok: false, reason: 'empty' }
  if (name.length > MAX_DOCUMENT_NAME_LENGTH) return { ok: false, reason: 'too_long' }
  const segments = name.split('/')
  if (segments.length > MAX_DOCUMENT_NAME_SEGMENTS) return { ok: false, reason: 'too_many_segments' }
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) return { ok: false, reason: 'invalid_segment' }
  }
  return { ok: true }
}

export function isValidDocumentName(name: string): boolean {
  return checkDocumentName(name).ok
}

/**
 * The file-system-safe form of a valid name: one flat file name, `/` written as `%2F`.
 * Valid names hold no other character that encodeURIComponent changes, so the mapping is
 * one-to-one and reversible with {@link documentNameFromFileName}.
 */
export function documentFileName(name: string): string {
  if (!isValidDocumentName(name)) throw new Error(`invalid document name: ${JSON.stringify(name)}`)
  return encodeURIComponent(name)
}

export function documentNameFromFileName(fileName: string): string | null {
  let name: string
  try {
    name = decodeURIComponent(fileName)
  } catch {
    return null
  }
  return isValidDocumentName(name) && encodeURIComponent(name) === fileName ? name : null
}
