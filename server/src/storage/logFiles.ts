// Open append-only log files and their fsync policy (group commit), for DiskStorage.
// Kept apart because fd lifetime vs. in-flight async fsync is the subtle part.
import * as fs from 'node:fs'
import { fsyncDir, fsyncDirSync, isErrno, startFdatasync, type SyncState } from './diskFiles.ts'

export type FsyncPolicy = 'always' | 'interval' | 'never'

export interface StorageLogger {
  warn(msg: string, extra?: object): void
}

export interface OpenLog extends SyncState {
  readonly fd: number
  /** Bytes known good: a failed append truncates back to this. */
  size: number
  /** Set before the fd is closed; no fsync may start after it (the fd number could be reused). */
  closing: boolean
  /** A failed write could not be cut back: the file may end in garbage until its tail is repaired. */
  torn: boolean
}

const noop = (): void => {}

export class LogFiles {
  private readonly dirtyLogs = new Set<OpenLog>()
  private readonly dirtyDirs = new Set<string>()
  private readonly timer: NodeJS.Timeout | null = null

  /**
   * With `journaled`, the group commit does not fsync the logs themselves: `onTick` (the
   * journal's commit) runs instead, and the logs are fsynced at checkpoints.
   */
  constructor(
    readonly policy: FsyncPolicy,
    intervalMs: number,
    private readonly logger: StorageLogger,
    private readonly journaled: { onTick: () => Promise<void> } | null = null,
  ) {
    if (policy === 'interval') {
      if (!(intervalMs > 0)) throw new Error(`fsyncIntervalMs must be positive, got ${intervalMs}`)
      this.timer = setInterval(() => void this.flushDirty(), intervalMs)
      this.timer.unref() // pending group commits must not keep the process alive
    }
  }

  /**
   * Opens `file` for appending, creating it (and `dir`) if needed. New directory entries are
   * made durable according to the policy, like the data itself.
   */
  open(file: string, dir: string, parentDir: string): OpenLog {
    const { O_WRONLY, O_APPEND, O_CREAT } = fs.constants
    let fd: number
    try {
      fd = fs.openSync(file, O_WRONLY | O_APPEND)
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err
      if (!fs.existsSync(dir)) {
        fs.mkdirSync(dir, { recursive: true })
        this.dirChanged(parentDir)
      }
      fd = fs.openSync(file, O_WRONLY | O_APPEND | O_CREAT, 0o644)
      this.dirChanged(dir)
    }
    return { fd, size: fs.fstatSync(fd).size, dirty: false, syncing: null, closing: false, torn: false }
  }

  /**
   * Writes one whole record. On return the bytes are in the OS (and, under 'always', on stable
   * storage). On failure the file is cut back to its last good size and the error rethrown;
   * if even that fails, `torn` is set and the caller must stop using this log.
   */
  write(log: OpenLog, buf: Buffer): void {
    try {
      let written = 0
      while (written < buf.length) written += fs.writeSync(log.fd, buf, written, buf.length - written)
      if (this.policy === 'always') fs.fdatasyncSync(log.fd)
    } catch (err) {
      try {
        fs.ftruncateSync(log.fd, log.size)
      } catch {
        log.torn = true
      }
      throw err
    }
    log.size += buf.length
    if (this.policy !== 'always') {
      log.dirty = true
      if (!this.journaled) this.dirtyLogs.add(log)
    }
  }

  /** A directory gained or lost an entry: its own fsync makes that durable. */
  dirChanged(dir: string): void {
    if (this.policy === 'always') fsyncDirSync(dir)
    else this.dirtyDirs.add(dir)
  }

  /** fsyncs `log` if it has unsynced writes, after any fsync already running on it. */
  async fsync(log: OpenLog): Promise<void> {
    while (log.syncing) await log.syncing.catch(noop)
    if (log.closing || !log.dirty) return
    log.dirty = false
    return startFdatasync(log, log.fd)
  }

  /** Closes the fd once no fsync is in flight on it; `flush` fsyncs unsynced writes first. */
  async close(log: OpenLog, flush: boolean): Promise<void> {
    this.dirtyLogs.delete(log)
    try {
      if (flush) await this.fsync(log)
    } finally {
      log.closing = true
      while (log.syncing) await log.syncing.catch(noop)
      fs.closeSync(log.fd)
    }
  }

  /** Closes without waiting, for synchronous callers; failures are logged. */
  closeLater(log: OpenLog, flush: boolean, what: string): void {
    void this.close(log, flush).catch((err: unknown) => this.logger.warn(`closing ${what} failed: ${String(err)}`))
  }

  /** fsyncs directories whose entries changed since the last call. */
  async flushDirs(): Promise<void> {
    const dirs = [...this.dirtyDirs]
    this.dirtyDirs.clear()
    for (const dir of dirs) {
      try {
        await fsyncDir(dir)
      } catch (err) {
        if (!isErrno(err, 'ENOENT')) {
          this.dirtyDirs.add(dir)
          throw err
        }
      }
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }

  /** The group commit: one fsync per log written since the last tick (or one of the journal). */
  private async flushDirty(): Promise<void> {
    if (this.journaled) await this.journaled.onTick().catch((err: unknown) => this.logger.warn(`fsync of the journal failed: ${String(err)}`))
    const logs = [...this.dirtyLogs]
    this.dirtyLogs.clear()
    await Promise.all(
      logs.map((log) =>
        this.fsync(log).catch((err: unknown) => {
          if (!log.closing) this.dirtyLogs.add(log)
          this.logger.warn(`fsync of log failed: ${String(err)}`)
        }),
      ),
    )
    await this.flushDirs().catch((err: unknown) => this.logger.warn(`fsync of directory failed: ${String(err)}`))
  }
}
