import { describe, expect, it } from 'vitest'
import { hashPassword, parsePasswordHash, verifyPassword } from './password.ts'

describe('password hashing', () => {
  it('stores scrypt parameters, a per-user salt and the key, never the password', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(hash).not.toContain('correct horse')
    const parsed = parsePasswordHash(hash)!
    expect(parsed.params).toEqual({ N: 32768, r: 8, p: 1 })
    expect(parsed.salt).toHaveLength(16)
    expect(parsed.key).toHaveLength(32)
  })

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('demo-password')
    expect(await verifyPassword('demo-password', hash)).toBe(true)
    expect(await verifyPassword('demo-passworD', hash)).toBe(false)
    expect(await verifyPassword('', hash)).toBe(false)
  })

  it('salts every hash: the same password hashes differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')])
    expect(a).not.toBe(b)
    expect(await verifyPassword('same', a)).toBe(true)
    expect(await verifyPassword('same', b)).toBe(true)
  })

  it('honours the parameters stored in the hash', async () => {
    const cheap = await hashPassword('pw', { N: 1024, r: 8, p: 1 })
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true)
    expect(await verifyPassword('pw', cheap)).toBe(true)
  })

  it('refuses malformed hashes instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$x$8$1$aa$bb', 'scrypt$1000$8$1$aa$bb', 'bcrypt$1$2$3$4$5', 'scrypt$1024$8$1$$']) {
      expect(await verifyPassword('pw', bad)).toBe(false)
    }
  })
})
