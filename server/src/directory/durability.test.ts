// The directory's files on their own: a save or an audit append is in the file when its promise
// resolves, concurrent saves share writes (group commit) without losing any change, no temp
// file is left behind, and a torn audit line from a crash is cut so later entries stay readable.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger, type Logger } from '../logger.ts'
import { AuditLog } from './AuditLog.ts'
import { DirectoryStore } from './directoryStore.ts'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cg-directory-files-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const onDisk = async () => JSON.parse(await readFile(path.join(dir, 'directory.json'), 'utf8'))
const entry = (action: string) => ({ action, actorId: null, initiativeId: null, subjectUserId: null, target: null, details: {}, ip: null })

describe('DirectoryStore', () => {
  it('has each change in directory.json when its save resolves, also under concurrent saves', async () => {
    const store = await DirectoryStore.open(dir, silentLogger)
    const saves: Promise<void>[] = []
    for (let i = 0; i < 50; i++) {
      const id = `i${i}`
      store.data.initiatives[id] = { id, name: id, description: '', languages: [], geography: '', createdAt: '', createdBy: 'u', published: [] }
      saves.push(
        store.save().then(async () => {
          expect((await onDisk()).initiatives[id], `initiative ${id} on disk when its save resolved`).toBeDefined()
        }),
      )
    }
    await Promise.all(saves)
    expect(Object.keys((await onDisk()).initiatives)).toHaveLength(50)
    expect(await readdir(dir)).toEqual(['directory.json'])
    // Read back by a fresh store.
    const again = await DirectoryStore.open(dir, silentLogger)
    expect(Object.keys(again.data.initiatives)).toHaveLength(50)
  })

  it('group-commits: saves called before a write starts share it, later ones the next write', async () => {
    const store = await DirectoryStore.open(dir, silentLogger)
    const first = store.save()
    expect(store.save()).toBe(first)
    await Promise.resolve() // the first write has started
    const next = store.save()
    expect(next).not.toBe(first)
    expect(store.save()).toBe(next)
    await Promise.all([first, next])
    await store.flush()
  })

  it('rejects a save whose write fails and logs it, and the next save still works', async () => {
    const errors: string[] = []
    const logger: Logger = { ...silentLogger, error: (message) => void errors.push(message) }
    const store = await DirectoryStore.open(dir, logger)
    // A directory where the temp file should go makes the write fail.
    const tmp = path.join(dir, '.directory.json.tmp')
    await mkdir(tmp)
    await expect(store.save()).rejects.toThrow()
    expect(errors).toContain('directory write failed')
    await rm(tmp, { recursive: true })
    store.data.users['u'] = { id: 'u', email: 'u@example.org', name: 'U', language: 'en', passwordHash: 'x', createdAt: '' }
    await store.save()
    expect((await onDisk()).users.u.email).toBe('u@example.org')
  })
})

describe('AuditLog', () => {
  it('has every entry in audit.jsonl when its append resolves; concurrent appends all land, in order', async () => {
    const file = path.join(dir, 'audit.jsonl')
    const log = await AuditLog.open(file, silentLogger)
    const appends = Array.from({ length: 40 }, (_, i) =>
      log.append(entry(`test.${i}`)).then(async (written) => {
        expect(await readFile(file, 'utf8'), `entry ${i} on disk when its append resolved`).toContain(written.id)
        return written
      }),
    )
    const written = await Promise.all(appends)
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n')
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(written.map((w) => w.id))
    expect((await AuditLog.open(file, silentLogger)).size).toBe(40)
  })

  it('cuts a torn last line left by a crash, so the next entry starts its own line', async () => {
    const file = path.join(dir, 'audit.jsonl')
    const first = await AuditLog.open(file, silentLogger)
    await first.append(entry('test.kept'))
    // A crash in the middle of the next write: half a line, no newline.
    await writeFile(file, (await readFile(file, 'utf8')) + '{"id":"torn","act', 'utf8')
    const warnings: string[] = []
    const second = await AuditLog.open(file, { ...silentLogger, warn: (message) => void warnings.push(message) })
    expect(second.size).toBe(1)
    expect(warnings).toEqual(['cutting a torn last audit line'])
    await second.append(entry('test.after'))
    const third = await AuditLog.open(file, silentLogger)
    expect(third.size).toBe(2)
    expect(third.query({ initiativeId: 'x', memberIds: new Set(), limit: 10 })).toEqual([])
    expect(
      (await readFile(file, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).action),
    ).toEqual(['test.kept', 'test.after'])
  })
})
