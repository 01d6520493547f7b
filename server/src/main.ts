// The process entry: configuration from the environment, start, and graceful shutdown on
// SIGTERM/SIGINT (stop accepting, flush everything, exit 0).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readConfigFromEnv } from './config.ts'
import { createConsoleLogger, type LogLevel } from './logger.ts'
import { startServer } from './startServer.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const config = readConfigFromEnv(process.env, repoRoot)
const logger = createConsoleLogger((process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info')

const server = await startServer({ ...config, logger }).catch((error: Error & { code?: string }) => {
  logger.error(`could not start: ${error.message}`, { code: error.code })
  process.exit(1)
})
process.stdout.write(`Common Ground listening on ${server.url} (data in ${config.dataDir})\n`)
if (config.seedDemo) process.stdout.write('Demo documents: demo/agenda (English), demo/agenda-he (Hebrew) (open the URL above)\n')

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
