// /api/me (the account itself) and /api/password-resets: changing one's name and password,
// signing out everywhere, deleting the account, and the one-time password reset links backbone
// staff issue for their members (there is no mail server).
import * as z from 'zod'
import { userSchema } from './auth.ts'
import { LOGIN_PASSWORD_MAX, PASSWORD_MAX, PASSWORD_MIN, PERSON_NAME_MAX, fields } from './fields.ts'

/** The name a deleted account keeps (its id stays on its contributions); the client shows it as a localised "Former member". */
export const FORMER_MEMBER_NAME = 'Former member'

/** How long a password reset link works. */
export const PASSWORD_RESET_TTL_HOURS = 24

/** A password being set: at least PASSWORD_MIN characters (too short → fields.<field> = too_short). */
const newPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX)
/** A password being proved: any length sign-in accepts, so a wrong one is "wrong", not "invalid". */
const presentedPassword = z.string().min(1).max(LOGIN_PASSWORD_MAX)

// ——— requests ———
export const updateMeBody = z
  .object({
    name: fields.name(PERSON_NAME_MAX).optional(),
    color: fields.color
      .optional()
      .meta({ description: 'The presence (cursor) colour, `#rrggbb`: kept with the account, the same in every browser and session.' }),
  })
  .refine((v) => v.name !== undefined || v.color !== undefined, { path: ['name'], params: { code: 'required' }, message: 'required' })
export type UpdateMeBody = z.input<typeof updateMeBody>

export const changePasswordBody = z
  .object({ current: presentedPassword, next: newPassword })
  .refine((v) => v.current !== v.next, { path: ['next'], params: { code: 'unchanged' }, message: 'unchanged' })
export type ChangePasswordBody = z.input<typeof changePasswordBody>

export const deleteAccountBody = z.object({ password: presentedPassword.meta({ description: "The account's password, as confirmation." }) })
export type DeleteAccountBody = z.input<typeof deleteAccountBody>

export const usePasswordResetBody = z.object({ password: newPassword })
export type UsePasswordResetBody = z.input<typeof usePasswordResetBody>

// ——— answers ———
export const userAnswer = z.object({ user: userSchema })
export type UserAnswer = z.output<typeof userAnswer>

export const sessionsRevokedAnswer = z.object({ ended: z.number().int().meta({ description: 'How many sessions ended (the caller’s included).' }) })
export type SessionsRevokedAnswer = z.output<typeof sessionsRevokedAnswer>

export const passwordResetIssuedAnswer = z.object({
  url: z.string().meta({ description: 'The link to give the person: `<origin>/reset/<token>`; shown this once.' }),
  path: z.string().meta({ description: '`/reset/<token>`.' }),
  expiresAt: fields.time,
})
export type PasswordResetIssuedAnswer = z.output<typeof passwordResetIssuedAnswer>

export const passwordResetPreviewAnswer = z.object({
  reset: z.object({ name: z.string(), email: z.string(), expiresAt: fields.time }),
})
export type PasswordResetPreviewAnswer = z.output<typeof passwordResetPreviewAnswer>
