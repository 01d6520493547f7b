// The operations table's rows for managing one's own account and for password reset links
// (schemas: account.ts). Spread into API_OPERATIONS (operations.ts).
import {
  changePasswordBody,
  deleteAccountBody,
  passwordResetIssuedAnswer,
  passwordResetPreviewAnswer,
  sessionsRevokedAnswer,
  updateMeBody,
  usePasswordResetBody,
  userAnswer,
} from './account.ts'
import { authAnswer } from './auth.ts'
import { noContent, notFound, ok, type ApiOperation } from './operationTypes.ts'

const wrongPassword = { status: 403, code: 'wrong_password', when: 'The password given as proof is not the account’s.' }
const tooManyWrong = {
  status: 429,
  code: 'rate_limited',
  when: 'Too many wrong passwords for the account (the sign-in limit: 10 in 15 minutes); Retry-After in seconds.',
}
const resetErrors = [
  { status: 404, code: 'reset_not_found', when: 'No such reset link.' },
  { status: 410, code: 'reset_expired', when: 'It is older than 24 hours.' },
  { status: 410, code: 'reset_used', when: 'It was used, or a newer link replaced it.' },
]

export const ACCOUNT_OPERATIONS = {
  updateMe: {
    method: 'patch',
    path: '/api/me',
    summary: "Change one's name",
    tags: ['accounts'],
    auth: 'user',
    body: updateMeBody,
    responses: { 200: ok('The changed account.', userAnswer) },
  },
  changePassword: {
    method: 'post',
    path: '/api/me/password',
    summary: "Change one's password (the current one as proof)",
    tags: ['accounts'],
    auth: 'user',
    body: changePasswordBody,
    responses: { 204: noContent("Changed; every other session of the person ends (its connections close with 4401), the caller's stays.") },
    errors: [
      wrongPassword,
      tooManyWrong,
      { status: 400, code: 'validation_failed', when: 'fields.next = too_short (under 8 characters), too_long or unchanged.' },
    ],
  },
  revokeAllSessions: {
    method: 'post',
    path: '/api/me/sessions/revoke-all',
    summary: 'Sign out of every session, this one included',
    tags: ['accounts'],
    auth: 'user',
    responses: { 200: ok('Every session ended (connections close with 4401); the cookie is cleared. Personal access tokens stay.', sessionsRevokedAnswer) },
  },
  deleteAccount: {
    method: 'delete',
    path: '/api/me',
    summary: "Delete one's account (the password as confirmation)",
    tags: ['accounts'],
    auth: 'user',
    body: deleteAccountBody,
    responses: {
      204: noContent(
        'Deleted: the name and email are removed (contributions stay attributed to "Former member" under the same id), memberships removed, sessions, tokens and reset links revoked; the cookie is cleared.',
      ),
    },
    errors: [wrongPassword, tooManyWrong, { status: 409, code: 'last_backbone', when: 'The caller is the last backbone member of an initiative.' }],
  },
  issuePasswordReset: {
    method: 'post',
    path: '/api/initiatives/{id}/members/{userId}/password-reset',
    summary: 'Issue a one-time password reset link for a member',
    tags: ['members'],
    auth: 'user',
    action: 'member.password_reset',
    responses: { 201: ok('The link (24 h, single use; an earlier unused link of the person stops working).', passwordResetIssuedAnswer) },
    errors: [notFound('No such initiative or member.')],
  },
  previewPasswordReset: {
    method: 'get',
    path: '/api/password-resets/{token}',
    summary: 'Whose password a reset link sets',
    tags: ['accounts'],
    auth: 'public',
    responses: { 200: ok('The account and when the link expires.', passwordResetPreviewAnswer) },
    errors: resetErrors,
  },
  usePasswordReset: {
    method: 'post',
    path: '/api/password-resets/{token}',
    summary: 'Set a new password with a reset link',
    tags: ['accounts'],
    auth: 'public',
    body: usePasswordResetBody,
    responses: { 200: ok('Set: every session of the person ends, and a new one starts here (the session cookie is set).', authAnswer) },
    errors: [...resetErrors, { status: 400, code: 'validation_failed', when: 'fields.password = too_short (under 8 characters) or too_long.' }],
  },
} as const satisfies Record<string, ApiOperation>
