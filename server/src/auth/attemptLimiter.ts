// Failed-attempt limiting for sign-in: at most `limit` failures per key within a sliding
// window. While a key is at the limit every attempt is refused (before the password is even
// checked) until its oldest counted failure leaves the window.
export interface AttemptLimiterOptions {
  limit: number
  windowMs: number
  now?: () => number
}

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number }

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>()
  private readonly now: () => number
  private checks = 0

  constructor(private readonly options: AttemptLimiterOptions) {
    this.now = options.now ?? Date.now
  }

  private recent(key: string, now: number): number[] {
    const list = this.failures.get(key)
    if (!list) return []
    const cutoff = now - this.options.windowMs
    let drop = 0
    while (drop < list.length && list[drop]! <= cutoff) drop++
    if (drop > 0) list.splice(0, drop)
    if (list.length === 0) this.failures.delete(key)
    return list
  }

  check(key: string): LimitCheck {
    const now = this.now()
    if (++this.checks % 1000 === 0) this.sweep(now)
    const list = this.recent(key, now)
    if (list.length < this.options.limit) return { allowed: true }
    const freeAt = list[list.length - this.options.limit]! + this.options.windowMs
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) }
  }

  fail(key: string): void {
    const now = this.now()
    const list = this.recent(key, now)
    list.push(now)
    this.failures.set(key, list)
  }

  /** Forgets a key's failures (after a successful sign-in to that account). */
  reset(key: string): void {
    this.failures.delete(key)
  }

  /** Keys currently tracked (for tests and gauges). */
  get size(): number {
    return this.failures.size
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now)
  }
}
