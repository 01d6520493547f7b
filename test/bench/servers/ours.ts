// Launcher: Common Ground's sync server, with durable persistence (DiskStorage in dataDir) or
// without (MemoryStorage). Stored documents are first written into the server's own storage
// as a compacted snapshot — the state a document is in after its room's last flush — and the
// seeding storage instance is closed, so the server loads them cold.
import { DEFAULT_COMPACTION, DiskStorage, MemoryStorage, silentLogger, startServer } from '@common-ground/server'
import type { DocumentStorage } from '@common-ground/server'
import { readFileSync } from 'node:fs'
import { announce, readConfig, serveControl, storedDocuments } from './common.ts'

const config = readConfig()
const memory = config.persistence ? undefined : new MemoryStorage()
const seedInto: DocumentStorage = memory ?? new DiskStorage({ dir: `${config.dataDir}/documents`, fsync: 'interval' })
for (const [name, file] of storedDocuments(config.storeDir)) {
  const update = new Uint8Array(readFileSync(file))
  seedInto.append(name, { seq: 1, time: Date.now(), user: null, update })
  await seedInto.compact(name, { state: update, coveredSeq: 1 })
}
if (!memory) await seedInto.close()

const server = await startServer({
  dataDir: config.dataDir,
  port: 0,
  host: '127.0.0.1',
  logger: silentLogger,
  seedDemo: false,
  fsync: (process.env.BENCH_FSYNC as 'interval' | 'never' | 'always' | undefined) ?? 'interval',
  // 0 = unlimited: the per-IP connection rate limit would refuse a benchmark's clients.
  limits: { connectionsPerWindow: 0 },
  storage: memory,
  // The peers run without authentication; ours does the same (the check is one in-memory
  // lookup per connection, nothing per frame).
  access: 'open',
  compaction: process.env.BENCH_MAX_WAIT_MS ? { maxWaitMs: Number(process.env.BENCH_MAX_WAIT_MS) } : undefined,
})
const maxWaitMs = Number(process.env.BENCH_MAX_WAIT_MS ?? DEFAULT_COMPACTION.maxWaitMs)
announce({ port: server.port, url: server.syncUrl, dialect: 'yws' })
serveControl({
  docs: () => server.rooms.size,
  stop: () => server.close(),
  compactAll: async () => {
    const errors = await server.rooms.flushAll()
    if (errors.length > 0) throw new AggregateError(errors, `${errors.length} compaction(s) failed`)
    return { docs: server.rooms.size, maxWaitMs }
  },
})
