// Shared display helpers: language names, role tones.
import type { Role } from '@common-ground/domain'
import type { Tone } from '../design/index.ts'

/** Languages are named in their own language, whatever the UI language. */
export const LANGUAGE_NAMES: Record<string, string> = { he: 'עברית', ar: 'العربية', en: 'English' }

export function roleTone(role: Role | null): Tone {
  if (role === 'backbone') return 'accent'
  if (role === 'partner') return 'success'
  return 'neutral'
}
