// @vitest-environment happy-dom
// A deleted account's name reads "Former member" in the reader's language; other names stay as they are.
import { describe, expect, it } from 'vitest'
import { FORMER_MEMBER_NAME } from '@common-ground/domain'
import { i18next } from '../../i18n/index.ts'
import { accountErrorKeys, personName } from './personName.ts'

describe('personName', () => {
  it('shows a deleted account as "Former member" in English, Hebrew and Arabic', () => {
    expect(personName(i18next.getFixedT('en'), FORMER_MEMBER_NAME)).toBe('Former member')
    expect(personName(i18next.getFixedT('he'), FORMER_MEMBER_NAME)).toBe('חבר/ה לשעבר')
    expect(personName(i18next.getFixedT('ar'), FORMER_MEMBER_NAME)).toBe('عضو سابق')
    expect(personName(i18next.getFixedT('he'), 'Noa Levi')).toBe('Noa Levi')
  })

  it('reads the account errors in words, falling back to the shared ones', () => {
    const t = i18next.getFixedT('he')
    expect(t(accountErrorKeys('wrong_password'))).toBe('זו אינה הסיסמה הנוכחית שלך.')
    expect(t(accountErrorKeys('network_error'))).toBe(i18next.getFixedT('he')('errors.network_error'))
    expect(t(accountErrorKeys('something_new'))).toBe(i18next.getFixedT('he')('errors.generic'))
  })
})
