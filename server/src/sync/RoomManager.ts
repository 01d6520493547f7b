// The open documents: loads are deduplicated (one load per name however many join at once),
// a failed load is never served, and an idle document leaves memory once its flush succeeds.
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import { Room, type RoomDeps } from './Room.ts'

export class RoomManager {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly unloading = new Map<string, Promise<void>>()

  private readonly deps: RoomDeps

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

  /** Flushes an idle room; unloads it if it is still idle and clean afterwards. */
  private unloadIfIdle(room: Room): void {
    if (room.connections.size > 0 || room.destroyed || this.unloading.has(room.name)) return
    if (room.dirty) {
      // The flush ends by calling onIdle again; a failure schedules a retry inside the room.
      room.flush().catch((error) => this.deps.logger.warn('flush before unload failed; keeping document', { document: room.name, error }))
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
    for (const room of this.rooms.values()) room.destroy()
    this.rooms.clear()
    this.deps.awarenessHost.destroy()
  }
}
