// The process entry: configuration from the environment, start, and graceful shutdown on
// SIGTERM/SIGINT (stop accepting, flush everything, exit 0).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readConfigFromEnv } from './config.ts'
import { createConsoleLogger, type LogLevel } from './logger.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demoContent.ts'
import { startServer } from './startServer.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const config = readConfigFromEnv(process.env, repoRoot)
const logger = createConsoleLogger((process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info')

const server = await startServer({ ...config, logger }).catch((error: Error & { code?: string }) => {
  logger.error(`could not start: ${error.message}`, { code: error.code })
  process.exit(1)
})
process.stdout.write(`Common Ground listening on ${server.url} (data in ${config.dataDir})\n`)
const demoAccounts = config.seedDemo ? DEMO_ACCOUNTS.filter((account) => server.directory.userByEmail(account.email)) : []
if (demoAccounts.length > 0) {
  const roles = { backbone: 'backbone staff', partner: 'partner executive', participant: 'participant' } as const
  const lines = demoAccounts.map((a) => `  ${a.email.padEnd(24)} ${DEMO_PASSWORD}   ${a.name} (${roles[a.role]})`)
  process.stdout.write(`Demo accounts (sign in at ${server.url}):\n${lines.join('\n')}\n`)
}

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logger.info('shutting down: closing connections and flushing documents', { signal })
    server.close().then(
      () => {
        logger.info('shutdown complete')
        process.exit(0)
      },
      (error: unknown) => {
        logger.error('shutdown could not flush everything', { error })
        process.exit(1)
      },
    )
  })
}
