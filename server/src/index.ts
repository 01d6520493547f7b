// Public entry of the server package: start a server, or build its parts yourself.
export { startServer, type RunningServer, type StartOptions } from './startServer.ts'
export { createApp, type AppDeps } from './app.ts'
export { readConfigFromEnv, DEFAULT_LIMITS, DEFAULT_COMPACTION, type ServerConfig, type SyncLimits, type CompactionPolicy } from './config.ts'
export type { ServerHooks } from './hooks.ts'
export type { DocumentStorage, LogRecord, LoadedDocument } from './storage/DocumentStorage.ts'
export { DiskStorage } from './storage/DiskStorage.ts'
export { MemoryStorage } from './storage/MemoryStorage.ts'
export { createConsoleLogger, silentLogger, type Logger } from './logger.ts'
