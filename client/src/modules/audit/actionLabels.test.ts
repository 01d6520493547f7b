// @vitest-environment happy-dom
// Every action the server writes to the audit log reads as words in English, Hebrew and Arabic, and so
// does every choice of the action filter; a publication says what was published.
import { describe, expect, it } from 'vitest'
import { i18next } from '../../i18n/index.ts'
import { AUDIT_ACTIONS, actionLabel, actionLabelKeys } from './actionLabels.ts'

/** The actions the server records (grep server/src for `audit.append` and `ctx.record`): keep in step. */
const SERVER_ACTIONS = [
  'auth.signup',
  'auth.signin',
  'auth.signin_failed',
  'auth.signout',
  'auth.name_changed',
  'auth.password_changed',
  'auth.sessions_revoked',
  'auth.account_deleted',
  'auth.password_reset_issued',
  'auth.password_reset_used',
  'token.created',
  'token.revoked',
  'initiative.created',
  'initiative.updated',
  'initiative.published',
  'initiative.unpublished',
  'partner.created',
  'partner.updated',
  'partner.deleted',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'member.role_changed',
  'member.removed',
  'member.left',
  'agenda.endorsed',
  'measurement.approved',
  'measurement.returned',
  'measurement.decided',
  'measurement.imported',
  'document.version_named',
  'document.restored',
  'initiative.imported',
  'meeting.series_created',
  'meeting.series_updated',
  'meeting.created',
  'meeting.updated',
  'meeting.cancelled',
  'meeting.prepared',
]

const labelsIn = (language: string, action: string, details?: Record<string, unknown>) => actionLabel(i18next.getFixedT(language), action, details)

describe('audit action labels', () => {
  it.each([...new Set([...SERVER_ACTIONS, ...AUDIT_ACTIONS])])('%s has a label in English, a different one in Hebrew and one in Arabic', (action) => {
    const en = labelsIn('en', action)
    const he = labelsIn('he', action)
    expect(en).not.toBe(action)
    expect(he).not.toBe(action)
    expect(he).not.toBe(en)
    expect(he).toMatch(/[\u0590-\u05FF]/)
    const ar = labelsIn('ar', action)
    expect(ar).not.toBe(action)
    expect(ar).toMatch(/[\u0600-\u06FF]/)
  })

  it('names what a publication published, and falls back to the general label for other kinds', () => {
    for (const language of ['en', 'he', 'ar']) {
      const general = labelsIn(language, 'initiative.published')
      const card = labelsIn(language, 'initiative.published', { kind: 'reportCard' })
      const agenda = labelsIn(language, 'initiative.published', { kind: 'agenda' })
      expect(new Set([general, card, agenda]).size).toBe(3)
      expect(labelsIn(language, 'initiative.unpublished', { kind: 'reportCard' })).not.toBe(labelsIn(language, 'initiative.unpublished'))
      expect(labelsIn(language, 'initiative.published', { kind: 'somethingNew' })).toBe(general)
    }
    expect(labelsIn('en', 'initiative.published', { kind: 'reportCard' })).toBe('Report card published')
  })

  it('shows an unknown action as it is, and builds keys only from plain kinds', () => {
    expect(labelsIn('he', 'future.thing')).toBe('future.thing')
    expect(actionLabelKeys('initiative.published', { kind: 'a.b' })).toEqual(['audit.actions.initiative_published', 'auditActions.initiative_published'])
  })
})
