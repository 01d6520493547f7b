// Bytes appended in order, copied into a few chunks that double in size, so that buffering
// thousands of small records costs a handful of objects instead of one per record. A
// document's journaled records wait in one of these until its log is written (up to a
// checkpoint interval): as one Buffer view per record they were one more long-lived object per
// edit for the garbage collector to promote and later trace.

const MIN_CHUNK = 256
const MAX_CHUNK = 64 * 1024

export class ChunkedBytes {
  /** Filled chunks, each cut to the bytes it holds. */
  private full: Buffer[] = []
  private tail: Buffer | null = null
  private tailUsed = 0
  /** Bytes held. */
  length = 0

  /** Appends a copy of `bytes`. */
  push(bytes: Uint8Array): void {
    if (!this.tail || this.tail.length - this.tailUsed < bytes.length) {
      if (this.tail && this.tailUsed > 0) this.full.push(this.tail.subarray(0, this.tailUsed))
      const size = Math.max(bytes.length, Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, (this.tail?.length ?? 0) * 2)))
      // Not from Buffer's shared pool: a pool slab would stay alive for as long as this does.
      this.tail = Buffer.allocUnsafeSlow(size)
      this.tailUsed = 0
    }
    this.tail.set(bytes, this.tailUsed)
    this.tailUsed += bytes.length
    this.length += bytes.length
  }

  /** Everything held, in order, as one buffer (a view when it is all in one chunk). */
  toBuffer(): Buffer {
    const tail = this.tail ? this.tail.subarray(0, this.tailUsed) : Buffer.alloc(0)
    return this.full.length === 0 ? tail : Buffer.concat([...this.full, tail], this.length)
  }

  clear(): void {
    this.full = []
    this.tail = null
    this.tailUsed = 0
    this.length = 0
  }
}
