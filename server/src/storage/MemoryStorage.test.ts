// Runs the storage contract against MemoryStorage, plus its failure injection.
import { describe, expect, it } from 'vitest'
import { MemoryStorage } from './MemoryStorage.ts'
import { Editor, describeStorageContract, loadedText } from './storageContract.ts'

describeStorageContract('MemoryStorage', async () => {
  const storage = new MemoryStorage()
  return { storage, reopen: async () => storage.reopen(), cleanup: () => storage.close() }
})

describe('MemoryStorage failure injection', () => {
  it('failNextWrites(n) fails the next n writes and stores nothing for them', async () => {
    const storage = new MemoryStorage()
    const editor = new Editor()
    const first = editor.edit('a')
    storage.failNextWrites(2)
    expect(() => storage.append('doc', first)).toThrow(/injected/)
    await expect(storage.compact('doc', editor.compaction())).rejects.toThrow(/injected/)
    storage.append('doc', first) // the retry with the same seq succeeds
    const loaded = await storage.load('doc')
    expect(loaded.records.map((r) => r.seq)).toEqual([1])
    expect(loadedText(loaded)).toBe('a')
  })

  it('failWrites fails every write until cleared', async () => {
    const storage = new MemoryStorage()
    const editor = new Editor()
    storage.failWrites = true
    const record = editor.edit('a')
    expect(() => storage.append('doc', record)).toThrow()
    expect(() => storage.append('doc', record)).toThrow()
    storage.failWrites = false
    storage.append('doc', record)
    expect((await storage.load('doc')).nextSeq).toBe(2)
  })

  it("does not alias the caller's buffers", async () => {
    const storage = new MemoryStorage()
    const record = new Editor().edit('a')
    const original = [...record.update]
    storage.append('doc', record)
    record.update.fill(0)
    expect([...(await storage.load('doc')).records[0]!.update]).toEqual(original)
  })
})
