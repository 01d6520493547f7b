// The audit log's action names as people read them: `audit.actions.<action, dots as underscores>`
// (i18n/en.json, he.json) or, for the actions of the agenda, measurement and meetings features,
// `auditActions.<…>` (i18n/areas/auditActions.<language>.json). A publication names what was
// published (`details.kind`: the agenda, the report card). Unknown actions show as they are.
import type { TFunction } from 'i18next'

/** Action prefixes offered in the filter (the API matches by prefix). */
export const AUDIT_ACTIONS = [
  'auth.',
  'auth.signin',
  'auth.signin_failed',
  'auth.signup',
  'auth.signout',
  'auth.name_changed',
  'auth.password_changed',
  'auth.sessions_revoked',
  'auth.account_deleted',
  'auth.password_reset_issued',
  'auth.password_reset_used',
  'token.',
  'initiative.',
  'initiative.created',
  'initiative.updated',
  'initiative.published',
  'initiative.unpublished',
  'initiative.exported',
  'initiative.imported',
  'partner.',
  'invitation.',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'member.',
  'member.role_changed',
  'member.removed',
  'member.left',
  'agenda.',
  'agenda.endorsed',
  'measurement.',
  'measurement.approved',
  'measurement.returned',
  'measurement.decided',
  'measurement.imported',
  'document.',
  'document.version_named',
  'document.restored',
  'meeting.',
  'meeting.series_created',
  'meeting.created',
  'meeting.prepared',
  'meeting.cancelled',
] as const

/** The label keys of an action, the most specific first. */
export function actionLabelKeys(action: string, details?: Record<string, unknown>): string[] {
  const key = action.replace(/\./g, '_')
  const kind = details?.kind
  const specific = typeof kind === 'string' && /^[A-Za-z]+$/.test(kind) ? [`auditActions.${key}_${kind}`] : []
  return [...specific, `audit.actions.${key}`, `auditActions.${key}`]
}

export function actionLabel(t: TFunction, action: string, details?: Record<string, unknown>): string {
  return t(actionLabelKeys(action, details), { defaultValue: action })
}
