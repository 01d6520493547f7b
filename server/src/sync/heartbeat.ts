// Pings spread over the heartbeat period. Pinging every connection in one tick every 30 s blocked
// the event loop for tens of milliseconds with a thousand connections (one socket write each),
// delaying every update that arrived meanwhile; the peers ping each socket from its own timer.
// Here connections are dealt round-robin into SLOTS slots and one slot is visited per
// `periodMs / SLOTS`, so each connection is still visited once per period.

const SLOTS = 32

export class HeartbeatWheel<T> {
  private readonly slots: Set<T>[] = Array.from({ length: SLOTS }, () => new Set<T>())
  private readonly slotOf = new Map<T, Set<T>>()
  private nextSlot = 0
  private current = 0
  private readonly timer: NodeJS.Timeout

  constructor(
    periodMs: number,
    private readonly visit: (item: T) => void,
  ) {
    this.timer = setInterval(() => this.turn(), Math.max(1, periodMs / SLOTS))
    this.timer.unref()
  }

  add(item: T): void {
    const slot = this.slots[this.nextSlot]!
    this.nextSlot = (this.nextSlot + 1) % SLOTS
    slot.add(item)
    this.slotOf.set(item, slot)
  }

  delete(item: T): void {
    this.slotOf.get(item)?.delete(item)
    this.slotOf.delete(item)
  }

  stop(): void {
    clearInterval(this.timer)
  }

  private turn(): void {
    const slot = this.slots[this.current]!
    this.current = (this.current + 1) % SLOTS
    // A copy: visiting may close a connection, which deletes it from the slot.
    for (const item of [...slot]) this.visit(item)
  }
}
