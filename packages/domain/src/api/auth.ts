// /api/auth and /api/me: sign-up, sign-in, the caller's account and memberships, personal access tokens.
import * as z from 'zod'
import { languageSchema, roleSchema } from './common.ts'
import {
  LOGIN_PASSWORD_MAX,
  EMAIL_MAX,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PERSON_NAME_MAX,
  TOKEN_EXPIRY_DAYS_MAX,
  TOKEN_EXPIRY_DAYS_MIN,
  TOKEN_NAME_MAX,
  fields,
} from './fields.ts'

// ——— requests ———
export const signupBody = z.object({
  email: fields.email,
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
  name: fields.name(PERSON_NAME_MAX),
  language: languageSchema.optional(),
})
export type SignupBody = z.input<typeof signupBody>

export const loginBody = z.object({
  email: z.string().trim().min(1).max(EMAIL_MAX),
  password: z.string().min(1).max(LOGIN_PASSWORD_MAX),
})
export type LoginBody = z.input<typeof loginBody>

export const createTokenBody = z.object({
  name: fields.name(TOKEN_NAME_MAX),
  expiresInDays: z.number().int().min(TOKEN_EXPIRY_DAYS_MIN).max(TOKEN_EXPIRY_DAYS_MAX).nullable().optional().meta({ description: 'None or null: no expiry.' }),
})
export type CreateTokenBody = z.input<typeof createTokenBody>

// ——— answers ———
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  language: languageSchema,
  color: z.string().nullable().meta({ description: 'The presence (cursor) colour the person chose, kept with the account; null: not chosen yet.' }),
})
export type User = z.output<typeof userSchema>

export const membershipSchema = z.object({ initiativeId: z.string(), role: roleSchema, partnerId: z.string().nullable() })
export type Membership = z.output<typeof membershipSchema>

export const authAnswer = z.object({ user: userSchema, csrfToken: z.string() })
export type AuthAnswer = z.output<typeof authAnswer>

export const meAnswer = z.object({
  user: userSchema,
  csrfToken: z.string().nullable().meta({ description: 'null when a bearer token authenticated the request.' }),
  memberships: z.array(membershipSchema),
})
export type Me = z.output<typeof meAnswer>

export const sessionAnswer = z.object({
  me: meAnswer.nullable().meta({ description: 'The same object as GET /api/me, or null when nobody is signed in (no cookie, or a stale one).' }),
})
export type SessionAnswer = z.output<typeof sessionAnswer>

export const accessTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().meta({ description: 'The first 10 characters of the token, `cgp_` + 6.' }),
  createdAt: fields.time,
  lastUsedAt: fields.time.nullable(),
  expiresAt: fields.time.nullable(),
})
export type AccessToken = z.output<typeof accessTokenSchema>

export const tokenListAnswer = z.object({ tokens: z.array(accessTokenSchema) })
export type TokenListAnswer = z.output<typeof tokenListAnswer>

export const createdTokenAnswer = z.object({ token: accessTokenSchema, secret: z.string().meta({ description: 'The token `cgp_…`, shown this once.' }) })
export type CreatedTokenAnswer = z.output<typeof createdTokenAnswer>
