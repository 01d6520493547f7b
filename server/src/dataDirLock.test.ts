import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from './dataDirLock.ts'

const dirs: string[] = []
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-lock-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('data directory lock', () => {
  it('is taken, refused to another live process, and released', async () => {
    const dir = freshDir()
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    try {
      writeFileSync(path.join(dir, 'server.lock'), String(other.pid))
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
      expect(readFileSync(path.join(dir, 'server.lock'), 'utf8')).toBe(String(other.pid))
    } finally {
      other.kill('SIGKILL')
    }
    await new Promise((resolve) => other.once('exit', resolve))
    // The owner died without releasing (kill -9): the stale lock is taken over.
    const release = lockDataDir(dir)
    expect(readFileSync(path.join(dir, 'server.lock'), 'utf8')).toBe(String(process.pid))
    release()
    expect(existsSync(path.join(dir, 'server.lock'))).toBe(false)
  })
})
