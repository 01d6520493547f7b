// Turns an API error into a sentence in the UI language: `errors.<code>`, or a generic one.
import type { TFunction } from 'i18next'
import { isApiError } from './http.ts'

export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.generic')
  return t(`errors.${error.code}`, {
    defaultValue: t('errors.generic'),
    seconds: error.retryAfter ?? 60,
    minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)),
  })
}

/** A validation error of one field (`error.fields[field]`), translated, or null. */
export function fieldError(t: TFunction, error: unknown, field: string): string | null {
  if (!isApiError(error) || error.code !== 'validation_failed') return null
  const code = error.fields[field]
  if (!code) return null
  return t(`fieldErrors.${code}`, { defaultValue: t('fieldErrors.invalid') })
}
