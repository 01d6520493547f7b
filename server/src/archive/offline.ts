// Export and import on a data directory no server is running on: the data-dir lock is taken for
// the whole operation (a running server holds it, so this refuses with data_dir_locked), the
// storage and directory opened as a server start would open them, and everything closed after.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as Y from 'yjs'
import { lockDataDir } from '../dataDirLock.ts'
import { FileReadModelStore } from '../derivation/stores.ts'
import { Directory } from '../directory/Directory.ts'
import type { Logger } from '../logger.ts'
import { DiskStorage } from '../storage/DiskStorage.ts'
import { exportInitiative, type ExportResult } from './exportInitiative.ts'
import { readArchive } from './readArchive.ts'
import { importInitiative, type ImportOptions, type ImportResult } from './importInitiative.ts'

async function withLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dataDir, { recursive: true })
  const unlock = lockDataDir(dataDir)
  try {
    return await fn()
  } finally {
    unlock()
  }
}

/** Writes the archive of one initiative of a stopped server's data directory to `file` (via a temp file and a rename). */
export async function exportFromDataDir(options: { dataDir: string; initiativeId: string; file: string; logger: Logger }): Promise<ExportResult> {
  const { dataDir, logger } = options
  const result = await withLock(dataDir, async () => {
    const storage = new DiskStorage({ dir: path.join(dataDir, 'documents'), fsync: 'always', logger })
    const directory = await Directory.open({ dataDir, logger })
    const readModel = await FileReadModelStore.open({ dir: path.join(dataDir, 'readmodel'), logger })
    try {
      return await exportInitiative(
        {
          storage,
          directory,
          readModel,
          dataDir,
          // What the server would load: the snapshot (its exact bytes when no record follows it) plus the newer records.
          state: async (name) => {
            const loaded = await storage.load(name)
            if (loaded.snapshot && loaded.records.length === 0) return loaded.snapshot
            const doc = new Y.Doc()
            Y.transact(doc, () => {
              if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
              for (const record of loaded.records) Y.applyUpdate(doc, record.update)
            })
            const state = Y.encodeStateAsUpdate(doc)
            doc.destroy()
            return state
          },
        },
        options.initiativeId,
        { gzip: /\.(tgz|gz)$/.test(options.file) },
      )
    } finally {
      await directory.close()
      await storage.close()
    }
  })
  const temp = `${options.file}.partial`
  await writeFile(temp, result.bytes)
  await rename(temp, options.file)
  return result
}

/** Imports an archive file into a data directory no server is running on. */
export async function importIntoDataDir(file: string, options: ImportOptions): Promise<ImportResult> {
  // Checked whole before the data directory is touched: a refused archive writes nothing.
  const archive = await readArchive(await readFile(file))
  return withLock(options.dataDir, () => importInitiative(archive, options))
}
