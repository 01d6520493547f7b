// The limits of the HTTP API's inputs, as named constants the client's forms use too, and the
// field rules built from them (the server validates every request with these; docs/api.md).
import * as z from 'zod'
import { ENTITY_ID } from '../roles.ts'

export const EMAIL_MAX = 254
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 200
/** Sign-in accepts longer passwords than sign-up sets, so a wrong one is "wrong", not "invalid". */
export const LOGIN_PASSWORD_MAX = 1000
export const PERSON_NAME_MAX = 100
export const TOKEN_NAME_MAX = 100
export const TOKEN_EXPIRY_DAYS_MIN = 1
export const TOKEN_EXPIRY_DAYS_MAX = 365
export const INVITATION_EXPIRY_DAYS_MIN = 1
export const INVITATION_EXPIRY_DAYS_MAX = 30
export const INVITATION_EXPIRY_DAYS_DEFAULT = 7
export const INITIATIVE_NAME_MAX = 120
export const INITIATIVE_DESCRIPTION_MAX = 2000
export const INITIATIVE_GEOGRAPHY_MAX = 200
export const PARTNER_NAME_MAX = 120
export const WEBSITE_MAX = 300
/** Initiative, partner, user and other entity ids. */
export const ID_MAX = 40
export const AUDIT_ACTION_MAX = 100
export const AUDIT_LIMIT_MAX = 500
export const AUDIT_LIMIT_DEFAULT = 100

/** `http(s)://…`, or empty for none. */
export const WEBSITE_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i
/** A colour `#rrggbb`. */
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/

/** Shared field rules. The issue codes they produce become `error.fields` codes (server/src/http/validate.ts). */
export const fields = {
  email: z.string().trim().max(EMAIL_MAX).pipe(z.email()).meta({ format: 'email' }),
  name: (max: number) => z.string().trim().min(1).max(max),
  text: (max: number) => z.string().trim().max(max),
  website: z
    .string()
    .trim()
    .max(WEBSITE_MAX)
    .refine((v) => v === '' || WEBSITE_PATTERN.test(v), { params: { code: 'invalid_url' } })
    .meta({ description: 'Empty, or an http(s):// address.' }),
  color: z
    .string()
    .regex(COLOR_PATTERN)
    .transform((v) => v.toLowerCase()),
  entityId: z.string().regex(ENTITY_ID),
  /** An id the server looks up (a partner, a user); not checked for syntax beyond its length. */
  idRef: z.string().max(ID_MAX),
  /** ISO 8601 times as the server writes them. */
  time: z.string().meta({ format: 'date-time' }),
}
