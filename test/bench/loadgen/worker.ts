// A load-generator process. The orchestrator (run.ts) forks a few of these and drives them
// over IPC; each holds many protocol-level clients (client.ts). Commands answer with
// { id, ok, result } or { id, ok: false, error }.
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { SyncClient, type ClientSpec } from './client.ts'
import { nowUs } from '../lib/wire.ts'
import { interopCheck } from './interop.ts'
import { startStallProbe } from '../lib/stalls.ts'

export type WorkerCommand =
  | { cmd: 'open'; specs: ClientSpec[]; concurrency: number }
  | { cmd: 'write'; rate: number; durationMs: number }
  | { cmd: 'collect' }
  | { cmd: 'stalls' }
  | { cmd: 'storm'; specs: ClientSpec[]; timeoutMs: number }
  | { cmd: 'join'; spec: ClientSpec; apply: boolean; timeoutMs: number }
  | { cmd: 'closeAll' }
  | { cmd: 'interop'; url: string; dialect: ClientSpec['dialect']; doc: string }
  | { cmd: 'exit' }

let clients: SyncClient[] = []
let latencies: number[] = []
/** The send time of each latency's edit (the edit's name), index for index. */
let sentTimes: number[] = []
let updatesWithMarker = 0
const seedCache = new Map<string, Uint8Array>()
const stallProbe = startStallProbe()

function seed(path: string): Uint8Array {
  let bytes = seedCache.get(path)
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path))
    seedCache.set(path, bytes)
  }
  return bytes
}

function track(client: SyncClient): SyncClient {
  if (client.spec.role === 'reader') {
    client.onLatency = (us, sentUs) => {
      latencies.push(us)
      sentTimes.push(sentUs)
      updatesWithMarker++
    }
  }
  return client
}

async function openOne(spec: ClientSpec): Promise<SyncClient> {
  const client = track(new SyncClient(spec))
  clients.push(client)
  await client.connect()
  if (spec.seedFile) {
    client.sendUpdate(seed(spec.seedFile))
    await client.roundTrip()
  }
  return client
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length)
  let next = 0
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i]!) }
      } catch (reason) {
        results[i] = { status: 'rejected', reason }
      }
    }
  })
  await Promise.all(lanes)
  return results
}

function firstError(results: PromiseSettledResult<unknown>[]): string | null {
  const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined
  return failed ? String(failed.reason instanceof Error ? failed.reason.message : failed.reason) : null
}

async function handle(command: WorkerCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'open': {
      const results = await pool(command.specs, command.concurrency, openOne)
      const failed = results.filter((r) => r.status === 'rejected').length
      const syncMs = results.flatMap((r) => (r.status === 'fulfilled' ? [(r.value.syncedUs - r.value.startUs) / 1000] : []))
      return { opened: results.length - failed, failed, firstError: firstError(results), syncMs }
    }
    case 'write': {
      const writers = clients.filter((c) => c.spec.role === 'writer' && !c.closed)
      const period = 1000 / command.rate
      let edits = 0
      const timers: NodeJS.Timeout[] = []
      await new Promise<void>((resolve) => {
        for (const writer of writers) {
          // Spread the writers' ticks evenly over one period instead of firing them together.
          const offset = Math.random() * period
          timers.push(
            setTimeout(() => {
              writer.edit()
              edits++
              timers.push(
                setInterval(() => {
                  writer.edit()
                  edits++
                }, period),
              )
            }, offset),
          )
        }
        setTimeout(resolve, command.durationMs)
      })
      for (const t of timers) clearTimeout(t)
      return { edits, writers: writers.length }
    }
    case 'collect': {
      const result = { latUs: latencies, sentUs: sentTimes, updatesWithMarker }
      latencies = []
      sentTimes = []
      updatesWithMarker = 0
      return result
    }
    case 'stalls':
      return stallProbe?.take() ?? null
    case 'storm': {
      const storm = command.specs.map((spec) => new SyncClient(spec))
      clients.push(...storm)
      const startUs = nowUs()
      const results = await Promise.allSettled(storm.map((c) => c.connect(command.timeoutMs)))
      return {
        startUs,
        syncedUs: storm.map((c) => (c.synced ? c.syncedUs : -1)),
        minBytes: Math.min(...storm.map((c) => c.bytesUntilSynced)),
        failed: results.filter((r) => r.status === 'rejected').length,
        firstError: firstError(results),
      }
    }
    case 'join': {
      const client = new SyncClient({ ...command.spec, keepPayloads: true })
      await client.connect(command.timeoutMs)
      const result = {
        startUs: client.startUs,
        openUs: client.openUs,
        syncedUs: client.syncedUs,
        bytes: client.bytesUntilSynced,
        appliedUs: -1,
        textLength: -1,
      }
      await client.close()
      if (command.apply) {
        // The client's share: decode and integrate what arrived (also proves it was the document).
        const doc = new Y.Doc()
        const t0 = nowUs()
        Y.transact(doc, () => {
          for (const payload of client.payloads) Y.applyUpdate(doc, payload)
        })
        result.appliedUs = nowUs() - t0
        result.textLength = [...doc.share.keys()].reduce((n, key) => n + doc.getText(key).length, 0)
        doc.destroy()
      }
      return result
    }
    case 'closeAll': {
      const all = clients
      clients = []
      await Promise.all(all.map((c) => c.close()))
      latencies = []
      sentTimes = []
      updatesWithMarker = 0
      return { closed: all.length }
    }
    case 'interop':
      return interopCheck(command.url, command.dialect, command.doc)
    case 'exit':
      setImmediate(() => process.exit(0))
      return null
  }
}

process.on('message', (message: { id: number } & WorkerCommand) => {
  handle(message).then(
    (result) => process.send!({ id: message.id, ok: true, result }),
    (error: unknown) => process.send!({ id: message.id, ok: false, error: error instanceof Error ? error.stack : String(error) }),
  )
})
process.on('disconnect', () => process.exit(0))
