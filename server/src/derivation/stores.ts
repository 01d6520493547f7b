// Read-model stores: the derived state per document. MemoryReadModelStore for tests and as the
// cache of FileReadModelStore, which keeps one JSON file per document under
// `<dataDir>/readmodel/` (written atomically, debounced; a stale or missing file is rebuilt at
// start from the documents, so no fsync is needed for correctness: docs/storage.md).
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { documentFileName, documentNameFromFileName } from '@common-ground/protocol'
import type { Logger } from '../logger.ts'
import type { DerivedDocument, ReadModelStore } from './types.ts'

export class MemoryReadModelStore implements ReadModelStore {
  protected readonly entries = new Map<string, DerivedDocument>()
  private readonly listeners = new Set<(name: string) => void>()

  get<S>(name: string): DerivedDocument<S> | undefined {
    return this.entries.get(name) as DerivedDocument<S> | undefined
  }

  put(entry: DerivedDocument): void {
    this.entries.set(entry.name, entry)
    this.changed(entry.name)
  }

  delete(name: string): void {
    if (!this.entries.delete(name)) return
    this.changed(name)
  }

  names(): string[] {
    return [...this.entries.keys()]
  }

  subscribe(listener: (name: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  protected changed(name: string): void {
    for (const listener of this.listeners) listener(name)
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}

export class FileReadModelStore extends MemoryReadModelStore {
  private readonly dirty = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    private readonly debounceMs: number,
  ) {
    super()
  }

  /** Opens the folder and reads every entry (an unreadable file is skipped: the rebuild redoes it). */
  static async open(options: { dir: string; logger: Logger; debounceMs?: number }): Promise<FileReadModelStore> {
    const store = new FileReadModelStore(options.dir, options.logger, options.debounceMs ?? 1000)
    await mkdir(options.dir, { recursive: true })
    for (const file of await readdir(options.dir)) {
      if (!file.endsWith('.json')) continue
      const name = documentNameFromFileName(file.slice(0, -'.json'.length))
      if (name === null) continue
      try {
        const entry = JSON.parse(await readFile(path.join(options.dir, file), 'utf8')) as DerivedDocument
        if (entry && entry.name === name && typeof entry.seq === 'number') store.entries.set(name, entry)
      } catch (error) {
        options.logger.warn('unreadable read-model file; it is rebuilt', { file, error })
      }
    }
    return store
  }

  protected override changed(name: string): void {
    super.changed(name)
    this.dirty.add(name)
    this.timer ??= setTimeout(() => void this.flush(), this.debounceMs)
  }

  override async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const names = [...this.dirty]
    this.dirty.clear()
    const previous = this.writing
    this.writing = (async () => {
      await previous
      for (const name of names) {
        const file = path.join(this.dir, `${documentFileName(name)}.json`)
        const entry = this.entries.get(name)
        try {
          if (!entry) await rm(file, { force: true })
          else {
            const temp = `${file}.tmp`
            await writeFile(temp, JSON.stringify(entry))
            await rename(temp, file)
          }
        } catch (error) {
          this.logger.error('read-model write failed; it is rebuilt at the next start', { document: name, error })
        }
      }
    })()
    await this.writing
  }

  override async close(): Promise<void> {
    await this.flush()
  }
}
