// How `pnpm cg backup` reaches a running server: the CLI leaves a request (the target folder) in
// `<dataDir>/backup-requests/<id>.json`, sends SIGUSR2 to the pid in server.lock, and waits for
// `<id>.done.json`. This module handles the signal: each server of the process takes the requests
// of its own data directory, one at a time, and answers each with the backup's summary or error.
// Only someone who can write into the data directory and signal the server's process can ask.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { randomId } from '../auth/secrets.ts'
import type { ServerModule } from '../modules/ServerModule.ts'
import type { DocumentStorage } from '../storage/DocumentStorage.ts'
import type { Logger } from '../logger.ts'
import { BACKUP_REQUESTS_DIR, takeBackup, type BackupSummary } from './backup.ts'
import { ArchiveError } from './format.ts'

interface Owner {
  dataDir: string
  storage: Pick<DocumentStorage, 'list' | 'history'>
  logger: Logger
  running: Promise<void>
}

const owners = new Set<Owner>()

const onSignal = (): void => {
  for (const owner of owners) owner.running = owner.running.then(() => serveRequests(owner))
}

async function serveRequests(owner: Owner): Promise<void> {
  const dir = path.join(owner.dataDir, BACKUP_REQUESTS_DIR)
  let files: string[]
  try {
    files = (await readdir(dir)).filter((f) => /^[a-z0-9]+\.json$/.test(f))
  } catch {
    return
  }
  for (const file of files) {
    const id = file.slice(0, -'.json'.length)
    let answer: { ok: true; backup: BackupSummary } | { ok: false; code: string; message: string }
    try {
      const request = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as { target?: unknown }
      if (typeof request.target !== 'string') throw new ArchiveError('invalid_arguments', 'The backup request names no target folder.')
      owner.logger.info('backup started', { target: request.target })
      const backup = await takeBackup({ dataDir: owner.dataDir, storage: owner.storage, target: request.target, logger: owner.logger })
      owner.logger.info('backup written', { ...backup })
      answer = { ok: true, backup }
    } catch (error) {
      owner.logger.error('backup failed', { error })
      answer = { ok: false, code: error instanceof ArchiveError ? error.code : 'backup_failed', message: (error as Error).message }
    }
    await writeFile(path.join(dir, `${id}.done.tmp`), JSON.stringify(answer))
    await rename(path.join(dir, `${id}.done.tmp`), path.join(dir, `${id}.done.json`))
    await rm(path.join(dir, file), { force: true })
  }
}

/** The server module: registers its data directory for SIGUSR2 while the server runs. */
export function backupModule(): ServerModule {
  let owner: Owner | null = null
  return {
    name: 'backup',
    start: async (ctx) => {
      owner = { dataDir: ctx.config.dataDir, storage: ctx.storage, logger: ctx.logger, running: Promise.resolve() }
      if (owners.size === 0) process.on('SIGUSR2', onSignal)
      owners.add(owner)
    },
    stop: async () => {
      if (!owner) return
      owners.delete(owner)
      if (owners.size === 0) process.off('SIGUSR2', onSignal)
      await owner.running
      owner = null
    },
  }
}

/** The pid of the server running on the data directory, or null when none runs. */
export function runningServerPid(dataDir: string): number | null {
  let pid: number
  try {
    pid = Number(readFileSync(path.join(dataDir, 'server.lock'), 'utf8').trim())
  } catch {
    return null
  }
  if (!Number.isInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
  } catch {
    return null
  }
  // A reused pid must not receive the signal: on Linux, check that it is a node process.
  const cmdline = `/proc/${pid}/cmdline`
  if (existsSync('/proc') && (!existsSync(cmdline) || !readFileSync(cmdline, 'utf8').includes('node'))) return null
  return pid
}

/** Asks the server running on `dataDir` for a backup into `target`; resolves with its summary. */
export async function requestBackup(options: { dataDir: string; target: string; timeoutMs?: number }): Promise<BackupSummary> {
  const pid = runningServerPid(options.dataDir)
  if (pid === null) throw new ArchiveError('server_not_running', `No server is running on ${options.dataDir}.`)
  const dir = path.join(options.dataDir, BACKUP_REQUESTS_DIR)
  await mkdir(dir, { recursive: true })
  const id = randomId(12)
  await writeFile(path.join(dir, `${id}.tmp`), JSON.stringify({ target: path.resolve(options.target) }))
  await rename(path.join(dir, `${id}.tmp`), path.join(dir, `${id}.json`))
  process.kill(pid, 'SIGUSR2')
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000)
  const done = path.join(dir, `${id}.done.json`)
  while (Date.now() < deadline) {
    if (existsSync(done)) {
      const answer = JSON.parse(await readFile(done, 'utf8')) as { ok: true; backup: BackupSummary } | { ok: false; code: string; message: string }
      await rm(done, { force: true })
      if (answer.ok) return answer.backup
      throw new ArchiveError(answer.code as ArchiveError['code'], answer.message)
    }
    if (runningServerPid(options.dataDir) !== pid) throw new ArchiveError('backup_failed', 'The server stopped before the backup was written.')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await rm(path.join(dir, `${id}.json`), { force: true })
  throw new ArchiveError('backup_failed', 'The server did not answer the backup request in time.')
}
