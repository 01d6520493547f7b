// Randomized convergence: 20 real clients edit text, map and array concurrently while
// dropping and re-establishing their connections; everyone (the server included) must end
// with the same state, and that state must survive a server restart.
import { expect, it } from 'vitest'
import seedrandom from 'seedrandom'
import * as Y from 'yjs'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced, docJson, killConnection, sameState, type Client } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

const CLIENTS = 20
const OPERATIONS = 800
const DOC = 'fuzz/converge'

/** Moves a UTF-16 index off the middle of a surrogate pair (editors never split an emoji). */
function snap(text: string, index: number): number {
  const code = text.charCodeAt(index)
  return index > 0 && index < text.length && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index
}

function randomEdit(rng: seedrandom.PRNG, doc: Y.Doc, who: number, step: number): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!
  const int = (n: number) => Math.floor(rng() * n)
  const text = doc.getText('text')
  const map = doc.getMap('map')
  const array = doc.getArray('array')
  const kind = int(8)
  switch (kind) {
    case 0:
    case 1:
      text.insert(snap(text.toString(), int(text.length + 1)), pick(['a', 'bc', 'def ', 'שלום', '🙂', '\n', `#${step}`]))
      break
    case 2:
      if (text.length > 0) {
        const str = text.toString()
        const at = snap(str, int(str.length))
        const end = snap(str, Math.min(at + 1 + int(4), str.length))
        if (end > at) text.delete(at, end - at)
      }
      break
    case 3:
      if (text.length > 0) {
        const str = text.toString()
        const at = snap(str, int(str.length))
        const end = snap(str, Math.min(at + 1 + int(6), str.length))
        if (end > at) text.format(at, end - at, pick([{ bold: true }, { italic: true }, { bold: null }, { link: 'https://x' }]))
      }
      break
    case 4:
      map.set(pick(['k0', 'k1', 'k2', 'k3', 'k4']), pick([who, `c${who}@${step}`, { by: who, step }, [step], null, true]))
      break
    case 5:
      if (map.size > 0 && rng() < 0.5) map.delete(pick([...map.keys()]))
      else map.set(`c${who}`, step)
      break
    case 6:
      array.insert(int(array.length + 1), rng() < 0.5 ? [`${who}:${step}`] : [step, { who }])
      break
    case 7:
      if (array.length > 0) {
        const at = int(array.length)
        array.delete(at, Math.min(1 + int(3), array.length - at))
      } else array.push([who])
      break
  }
}

it('20 clients with random edits, disconnects and reconnects converge, and the state survives a restart', async () => {
  const seed = process.env.FUZZ_SEED ?? String(Date.now())
  console.log(`convergence fuzz seed: ${seed} (rerun with FUZZ_SEED=${seed})`)
  const rng = seedrandom(seed)
  // Small compaction thresholds: snapshots are written during the run, so the restart below
  // loads a snapshot plus a live log.
  const server = await startTestServer({ compaction: { idleMs: 50, maxWaitMs: 300, maxLogRecords: 100 } })
  const clients: Client[] = await Promise.all(Array.from({ length: CLIENTS }, () => connectSynced(server.syncUrl, DOC)))

  let disconnects = 0
  let reconnects = 0
  for (let step = 0; step < OPERATIONS; step++) {
    const who = Math.floor(rng() * CLIENTS)
    const client = clients[who]!
    const r = rng()
    if (r < 0.03) {
      if (client.provider.shouldConnect) {
        // Half the time a clean disconnect, half the time the socket just dies.
        if (rng() < 0.5) client.provider.disconnect()
        else killConnection(client.provider)
        disconnects++
      } else {
        client.provider.connect()
        reconnects++
      }
    } else {
      // Offline clients keep editing; their changes must arrive after they reconnect.
      randomEdit(rng, client.doc, who, step)
    }
    // Let the network interleave with the edits: sometimes a macrotask, sometimes a burst.
    if (rng() < 0.25) await new Promise((resolve) => setImmediate(resolve))
  }
  for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect()
  console.log(`convergence fuzz: ${OPERATIONS} steps, ${disconnects} disconnects, ${reconnects} reconnects`)

  const serverDoc = () => server.rooms.get(DOC)?.doc
  await waitFor(
    () => {
      const reference = serverDoc()
      return reference !== undefined && clients.every((c) => c.provider.synced && sameState(c.doc, reference))
    },
    { what: 'all 20 clients and the server to converge', timeoutMs: 30_000, intervalMs: 50 },
  )
  const expected = docJson(serverDoc()!)
  const expectedVector = Y.encodeStateVector(serverDoc()!)
  for (const client of clients) expect(docJson(client.doc)).toEqual(expected)
  // Something real happened on every type.
  expect((expected.array as unknown[]).length + Object.keys(expected.map as object).length).toBeGreaterThan(0)
  expect(serverDoc()!.getText('text').length).toBeGreaterThan(0)

  // Restart on the same data directory; the clients are gone first so they cannot push
  // their state back into the new server.
  await Promise.all(clients.map((c) => c.destroy()))
  await server.stop()
  const restarted = await startTestServer({ dataDir: server.dataDir })
  const fresh = await connectSynced(restarted.syncUrl, DOC)
  expect(docJson(fresh.doc)).toEqual(expected)
  expect(Buffer.from(Y.encodeStateVector(fresh.doc))).toEqual(Buffer.from(expectedVector))
})
