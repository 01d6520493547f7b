// One-time password reset links: there is no mail server, so backbone staff of an initiative
// issue a link for one of its members and hand it over themselves. A link works for 24 hours,
// once; a newer link for the same person replaces an unused older one. Only the token's hash is
// stored. Using it sets the password and ends every session of the person.
import { DomainError, PASSWORD_RESET_TTL_HOURS } from '@common-ground/domain'
import { hashPassword } from '../auth/password.ts'
import { randomId, randomSecret, sha256 } from '../auth/secrets.ts'
import type { Accounts } from './accounts.ts'
import type { DirectoryContext } from './context.ts'
import type { Initiatives } from './initiatives.ts'
import type { Actor, DirectoryData, PasswordResetRecord, UserRecord } from './types.ts'

const RESET_TTL_MS = PASSWORD_RESET_TTL_HOURS * 60 * 60 * 1000

export class PasswordResets {
  constructor(
    private readonly ctx: DirectoryContext,
    private readonly accounts: Accounts,
    private readonly initiatives: Initiatives,
  ) {}

  private get data(): DirectoryData {
    return this.ctx.data
  }

  /** A new link for a member of the initiative (the caller checked the issuer's role); returns the token, shown once. */
  async issue(initiativeId: string, userId: string, actor: Actor & { userId: string }): Promise<{ token: string; reset: PasswordResetRecord }> {
    const user = this.accounts.user(userId)
    if (!this.initiatives.membership(initiativeId, userId) || !user || user.deletedAt) throw new DomainError('not_found', 'not_found', 'No such member.')
    const now = this.ctx.iso()
    this.prune()
    // An unused older link of the person stops working.
    for (const old of Object.values(this.data.passwordResets)) if (old.userId === userId && old.usedAt === null) old.usedAt = now
    const token = randomSecret()
    const reset: PasswordResetRecord = {
      id: randomId(12),
      hash: sha256(token),
      userId,
      initiativeId,
      createdBy: actor.userId,
      createdAt: now,
      expiresAt: this.ctx.iso(RESET_TTL_MS),
      usedAt: null,
    }
    this.data.passwordResets[reset.hash] = reset
    await this.ctx.commit(
      this.ctx.record('auth.password_reset_issued', actor, {
        initiativeId,
        subjectUserId: userId,
        target: { type: 'member', id: userId },
        details: { expiresAt: reset.expiresAt },
      }),
    )
    return { token, reset }
  }

  /** The link's record and its person, or reset_not_found / reset_expired / reset_used. */
  check(token: string): { reset: PasswordResetRecord; user: UserRecord } {
    const reset = this.data.passwordResets[sha256(token)]
    const user = reset ? this.accounts.user(reset.userId) : undefined
    if (!reset || !user || user.deletedAt) throw new DomainError('not_found', 'reset_not_found', 'No such reset link.')
    if (reset.usedAt !== null) throw new DomainError('gone', 'reset_used', 'This reset link was used already.')
    if (Date.parse(reset.expiresAt) <= this.ctx.now()) throw new DomainError('gone', 'reset_expired', 'This reset link expired.')
    return { reset, user }
  }

  /** Sets the new password and ends every session of the person; the link is used up. */
  async use(token: string, password: string, ip: string | null): Promise<UserRecord> {
    this.check(token)
    const hash = await hashPassword(password)
    // Checked again: the same link may have been used while we hashed.
    const { reset, user } = this.check(token)
    reset.usedAt = this.ctx.iso()
    const ended = this.accounts.setPasswordHash(user.id, hash)
    await this.ctx.commit(
      this.ctx.record(
        'auth.password_reset_used',
        { userId: user.id, ip },
        {
          subjectUserId: user.id,
          target: { type: 'user', id: user.id },
          details: { sessionsEnded: ended.length, issuedBy: reset.createdBy, initiativeId: reset.initiativeId },
        },
      ),
    )
    for (const id of ended) this.ctx.emit({ type: 'credential', credentialId: id })
    return user
  }

  /** Revokes every unused link of the person (their account is being deleted; the caller commits). */
  revokeFor(userId: string): void {
    const now = this.ctx.iso()
    for (const reset of Object.values(this.data.passwordResets)) if (reset.userId === userId && reset.usedAt === null) reset.usedAt = now
  }

  /** Forgets links that expired more than a day ago. */
  private prune(): void {
    const cutoff = this.ctx.now() - RESET_TTL_MS
    for (const [hash, reset] of Object.entries(this.data.passwordResets)) if (Date.parse(reset.expiresAt) < cutoff) delete this.data.passwordResets[hash]
  }
}
