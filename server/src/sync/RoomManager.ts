// The open documents: loads are deduplicated (one load per name however many join at once),
// a failed load is never served, and an idle document leaves memory once its flush succeeds.
// Server-side writes (transact) go through the same rooms, so they are logged, broadcast and
// hooked exactly like a client's update.
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import { Room, ServerWrite, type RoomDeps } from './Room.ts'

/** Who a server write is for (recorded in the log) and why (for logs and debugging). */
export interface ServerWriteOrigin {
  user: string | null
  reason: string
}

export class RoomManager {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly unloading = new Map<string, Promise<void>>()

  private readonly deps: RoomDeps
  private closed = false

  constructor(deps: Omit<RoomDeps, 'awarenessHost'> & { logger: Logger }) {
    this.deps = { ...deps, awarenessHost: new Y.Doc() }
  }

  get size(): number {
    return this.rooms.size
  }

  get connectionCount(): number {
    let n = 0
    for (const room of this.rooms.values()) n += room.connections.size
    return n
  }

  openRooms(): IterableIterator<Room> {
    return this.rooms.values()
  }

  get(name: string): Room | undefined {
    return this.rooms.get(name)
  }

  /** The loaded room for `name`, loading it once if needed. Rejects if the load fails. */
  async acquire(name: string): Promise<Room> {
    const open = this.rooms.get(name)
    if (open) return open
    const pending = this.loading.get(name)
    if (pending) return pending
    const load = this.load(name)
    this.loading.set(name, load)
    try {
      return await load
    } finally {
      this.loading.delete(name)
    }
  }

  private async load(name: string): Promise<Room> {
    // A previous instance of this document may still be releasing its files.
    await this.unloading.get(name)
    const room = await Room.load(name, this.deps)
    room.onIdle = (r) => this.unloadIfIdle(r)
    this.rooms.set(name, room)
    return room
  }

  /**
   * Changes document `name` on the server's behalf: loads it if needed (one load, shared with
   * joining clients), runs `fn` in one Yjs transaction whose update is logged with
   * `origin.user` and sent to every connection — the path of a client's update, with the same
   * hooks — and resolves once the change is durable (fsynced). A document nobody is connected
   * to is then flushed and unloaded. If `fn` throws, what it changed before throwing is
   * committed (Yjs semantics) and the error is rethrown once that part is durable.
   */
  async transact(name: string, fn: (doc: Y.Doc) => void, origin: ServerWriteOrigin): Promise<void> {
    for (;;) {
      if (this.closed) throw new Error(`cannot write ${name}: the rooms are closed`)
      const room = await this.acquire(name)
      // Unloaded or replaced while we waited: take the current instance.
      if (room.destroyed || this.rooms.get(name) !== room) continue
      let failure: { error: unknown } | null = null
      try {
        room.applyServerWrite(fn, new ServerWrite(origin.user, origin.reason))
      } catch (error) {
        failure = { error }
      }
      // A held record (failed append) is durable only once the flush appended it.
      if (room.holding) await room.flush()
      else await this.deps.storage.sync(name)
      await this.settleIdle(room)
      if (failure) throw failure.error
      return
    }
  }

  /** Flushes and unloads a room nobody is connected to; resolves when it left memory (or stays). */
  private async settleIdle(room: Room): Promise<void> {
    if (room.connections.size > 0 || room.destroyed) return
    if (room.dirty) {
      try {
        await room.flush() // ends by calling onIdle, which starts the unload
      } catch (error) {
        this.deps.logger.warn('flush after a server write failed; will retry', { document: room.name, error })
        room.flushInBackground()
        return
      }
    } else this.unloadIfIdle(room)
    await this.unloading.get(room.name)
  }

  /** Flushes an idle room; unloads it if it is still idle and clean afterwards. */
  private unloadIfIdle(room: Room): void {
    if (room.connections.size > 0 || room.destroyed || this.unloading.has(room.name)) return
    if (room.dirty) {
      // The flush ends by calling onIdle again; a failure is logged and retried with backoff inside the room.
      room.flushInBackground()
      return
    }
    if (this.rooms.get(room.name) !== room) return
    this.rooms.delete(room.name)
    const done = (async () => {
      try {
        await this.deps.hooks.onUnloadDocument(room.payload())
        room.destroy()
        await this.deps.storage.release(room.name)
      } finally {
        this.unloading.delete(room.name)
      }
    })()
    this.unloading.set(room.name, done)
  }

  /** Flushes every open document; collects failures instead of stopping at the first. */
  async flushAll(): Promise<Error[]> {
    const results = await Promise.allSettled([...this.rooms.values()].map((room) => room.flush()))
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []))
    await Promise.allSettled(this.unloading.values())
    return errors
  }

  destroyAll(): void {
    this.closed = true
    for (const room of this.rooms.values()) room.destroy()
    this.rooms.clear()
    this.deps.awarenessHost.destroy()
  }
}
