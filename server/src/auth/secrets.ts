// Random secrets and ids, and the one-way forms the server stores instead of them.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const TOKEN_PREFIX = 'cgp_'

/** 32 random bytes, base64url (43 characters). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** A personal access token: `cgp_` + 32 random bytes base64url. */
export function newPersonalToken(): string {
  return TOKEN_PREFIX + randomSecret()
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** A short random id of lowercase letters and digits (matches the protocol's isEntityId). */
export function randomId(length = 10): string {
  const bytes = randomBytes(length)
  let id = ''
  // 256 % 36 != 0: the bias (a few letters 1/256 more likely) is harmless for ids.
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length]
  return id
}

/** Equal-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
