// Fixed-window counter of new connections per IP address.

export class ConnectionRateLimiter {
  private windowStart = 0
  private counts = new Map<string, number>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; false when the address is over its limit for this window. */
  allow(ip: string): boolean {
    if (this.limit <= 0) return true
    const now = this.now()
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now
      this.counts = new Map()
    }
    const count = (this.counts.get(ip) ?? 0) + 1
    this.counts.set(ip, count)
    return count <= this.limit
  }
}
