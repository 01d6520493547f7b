// The account screen's and the reset link's API calls (docs/api.md, "Accounts"): the name, the
// password, signing out everywhere, deleting the account; a reset link's preview and use; and
// issuing a reset link for a member (the members screen).
import type {
  AuthAnswer,
  ChangePasswordBody,
  PasswordResetIssuedAnswer,
  PasswordResetPreviewAnswer,
  SessionsRevokedAnswer,
  UserAnswer,
} from '@common-ground/domain'
import { api } from '../../api/http.ts'
import { enc, signalOnly } from '../../api/endpoints.ts'

export const updateMyName = (name: string) => api<UserAnswer>('PATCH', '/api/me', { body: { name } })
export const changePassword = (body: ChangePasswordBody) => api<void>('POST', '/api/me/password', { body })
export const revokeAllSessions = () => api<SessionsRevokedAnswer>('POST', '/api/me/sessions/revoke-all')
export const deleteAccount = (password: string) => api<void>('DELETE', '/api/me', { body: { password } })

export const previewPasswordReset = (token: string, signal?: AbortSignal) =>
  api<PasswordResetPreviewAnswer>('GET', `/api/password-resets/${enc(token)}`, signalOnly(signal))
export const redeemPasswordReset = (token: string, password: string) => api<AuthAnswer>('POST', `/api/password-resets/${enc(token)}`, { body: { password } })

export const issuePasswordReset = (initiativeId: string, userId: string) =>
  api<PasswordResetIssuedAnswer>('POST', `/api/initiatives/${enc(initiativeId)}/members/${enc(userId)}/password-reset`)
