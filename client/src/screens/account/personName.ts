// A person's name as the API gives it, for display: a deleted account's name
// (FORMER_MEMBER_NAME) reads as "Former member" in the reader's language.
import type { TFunction } from 'i18next'
import { FORMER_MEMBER_NAME } from '@common-ground/domain'

export function isFormerMember(name: string | null | undefined): boolean {
  return name === FORMER_MEMBER_NAME
}

export function personName(t: TFunction, name: string): string {
  return isFormerMember(name) ? t('account.formerMember') : name
}

/** An account screen error: `account.errors.<code>` first, then the shared `errors.<code>`, then a generic one. */
export function accountErrorKeys(code: string): string[] {
  return [`account.errors.${code}`, `errors.${code}`, 'errors.generic']
}
