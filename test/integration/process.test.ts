// The server as a real process: kill -9 in the middle of continuous writing loses nothing any
// client received, SIGTERM flushes and exits 0, and the HTTP API reports what happened.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import seedrandom from 'seedrandom'
import { useCleanup } from './helpers/cleanup.ts'
import { createInitiative, createToken, signUp } from './helpers/accounts.ts'
import { connectSynced, docJson, type Client } from './helpers/clients.ts'
import { documentDir, getJson, makeTempDir, spawnServerProcess, startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

/** The process enforces access (main.ts has no other mode): a backbone token and its initiatives' agendas. */
async function provision(url: string, initiatives: number): Promise<{ headers: Record<string, string>; documents: string[] }> {
  const owner = await signUp(url, 'Crash tester')
  const documents: string[] = []
  for (let i = 0; i < initiatives; i++) documents.push((await createInitiative(url, owner, `Initiative ${i + 1}`)).agenda)
  const token = await createToken(url, owner)
  return { headers: { authorization: `Bearer ${token.secret}` }, documents }
}

/** Entries in a client's array that it did not write itself this session: it got them from the server. */
function receivedEntries(client: Client, ownPrefix: string | null): string[] {
  return client.doc
    .getArray<string>('array')
    .toArray()
    .filter((e) => ownPrefix === null || !e.startsWith(ownPrefix))
}

it('kill -9 during continuous writes loses nothing that any client had received (3 rounds)', async () => {
  const seed = process.env.CRASH_SEED ?? String(Date.now())
  console.log(`kill -9 test seed: ${seed} (rerun with CRASH_SEED=${seed})`)
  const rng = seedrandom(seed)
  const dataDir = await makeTempDir()
  const received = new Set<string>() // everything any client received from any server, all rounds
  const written = new Set<string>()
  let access: { headers: Record<string, string>; documents: string[] } | null = null
  let DOC = ''

  for (let round = 1; round <= 3; round++) {
    const server = await spawnServerProcess(dataDir)
    if (!access) {
      access = await provision(server.url, 1)
      DOC = access.documents[0]!
    }
    const { headers } = access
    const observer = await connectSynced(server.syncUrl, DOC, { headers })
    // The new process holds everything the earlier ones had handed out.
    const present = new Set(receivedEntries(observer, null))
    for (const entry of received) expect(present.has(entry), `entry ${entry} after restart ${round - 1}`).toBe(true)

    const writers = await Promise.all([0, 1, 2].map(() => connectSynced(server.syncUrl, DOC, { headers })))
    const counters = [0, 0, 0]
    let timers: NodeJS.Timeout[] = []
    const startWriting = () => {
      timers = writers.map((writer, w) =>
        setInterval(
          () => {
            const entry = `r${round}-w${w}-${counters[w]!++}`
            written.add(entry)
            writer.doc.getArray<string>('array').push([entry])
          },
          1 + Math.floor(rng() * 4),
        ),
      )
    }
    const stopWriting = () => timers.forEach((timer) => clearInterval(timer))
    const thisRound = () =>
      observer.doc
        .getArray<string>('array')
        .toArray()
        .filter((e) => e.startsWith(`r${round}-`)).length
    const observed = (n: number) =>
      waitFor(() => thisRound() >= n, { what: `${n} entries of round ${round}`, on: [{ emitter: observer.doc, event: 'update' }], intervalMs: 50 })
    startWriting()
    if (round === 2) {
      // This time the kill comes after a compaction: snapshot, history and a fresh live log.
      await observed(30)
      stopWriting()
      await waitFor(() => existsSync(path.join(documentDir(dataDir, DOC), 'snapshot')), {
        what: 'a compaction (2 s after the last write)',
        intervalMs: 50,
      })
      startWriting()
    }
    // Kill at a random point: after the observer has seen a random number of this round's entries.
    await observed(thisRound() + 20 + Math.floor(rng() * 150))
    process.kill(server.pid, 'SIGKILL')
    stopWriting()
    expect(await server.exited).toMatchObject({ signal: 'SIGKILL' })
    // Each client reads its socket to the end before it notices the close: once all have
    // noticed, everything the server sent has been applied. Then freeze them, so none can
    // push its own copy into the next server.
    const clients = [observer, ...writers]
    await waitFor(() => clients.every((c) => !c.provider.wsconnected), { what: 'every client to notice the crash' })
    const snapshot = [...receivedEntries(observer, null), ...writers.flatMap((writer, w) => receivedEntries(writer, `r${round}-w${w}-`))]
    await Promise.all(clients.map((c) => c.destroy()))
    for (const entry of snapshot) received.add(entry)
    console.log(`round ${round}: killed after ${thisRound()} observed entries this round; ${received.size} received, ${written.size} written in total`)
  }

  const last = await spawnServerProcess(dataDir)
  const fresh = await connectSynced(last.syncUrl, DOC, { headers: access!.headers })
  const finalEntries = fresh.doc.getArray<string>('array').toArray()
  const missing = [...received].filter((entry) => !finalEntries.includes(entry))
  expect(missing).toEqual([])
  // Nothing invented, nothing doubled.
  expect(new Set(finalEntries).size).toBe(finalEntries.length)
  for (const entry of finalEntries) expect(written.has(entry)).toBe(true)
})

it('SIGTERM flushes every edit and exits 0; health and document metadata are reported', async () => {
  const dataDir = await makeTempDir()
  const server = await spawnServerProcess(dataDir)

  const health = await getJson(`${server.url}/api/health`)
  expect(health.status).toBe(200)
  expect(health.body).toEqual({
    status: 'ok',
    version: expect.any(String),
    uptime: expect.any(Number),
    documents: 0,
    connections: 0,
  })

  const { headers, documents: names } = await provision(server.url, 3)
  const writers = await Promise.all(names.map((name) => connectSynced(server.syncUrl, name, { headers })))
  const observers = await Promise.all(names.map((name) => connectSynced(server.syncUrl, name, { headers })))
  writers.forEach((writer, i) => {
    for (let n = 0; n < 50; n++) writer.doc.getArray('array').push([`${names[i]}-${n}`])
    writer.doc.getText('text').insert(0, `text of ${names[i]}`)
    writer.doc.getMap('map').set('index', i)
  })
  await waitFor(() => observers.every((o, i) => JSON.stringify(docJson(o.doc)) === JSON.stringify(docJson(writers[i]!.doc))), {
    what: 'the observers to receive every edit',
  })
  const expected = writers.map((w) => docJson(w.doc))

  const during = await getJson(`${server.url}/api/health`)
  expect(during.body).toMatchObject({ status: 'ok', documents: 3, connections: 6 })
  // Metadata is written in batches: the documents show up shortly after their first edit.
  const listed = await waitFor(
    async () => {
      const { body } = await getJson<{ documents: { name: string; created: string; updated: string; size: number }[] }>(`${server.url}/api/documents`, headers)
      return body.documents.length === names.length ? body.documents : null
    },
    { what: '/api/documents to list the three documents', intervalMs: 100 },
  )
  expect(listed.map((d) => d.name).sort()).toEqual([...names].sort())
  for (const meta of listed) {
    expect(Date.parse(meta.created)).not.toBeNaN()
    expect(Date.parse(meta.updated)).toBeGreaterThanOrEqual(Date.parse(meta.created))
    expect(meta.size).toEqual(expect.any(Number))
  }

  // Clients stop before the signal so none can replay its state into the next server.
  await Promise.all([...writers, ...observers].map((c) => c.destroy()))
  server.proc.kill('SIGTERM')
  const exit = await server.exited
  expect(exit, server.output().stderr).toEqual({ code: 0, signal: null })

  const restarted = await startTestServer({ dataDir })
  for (const [i, name] of names.entries()) {
    const reader = await connectSynced(restarted.syncUrl, name)
    expect(docJson(reader.doc)).toEqual(expected[i])
  }
  const { body } = await getJson<{ documents: { name: string; size: number }[] }>(`${restarted.url}/api/documents`)
  expect(body.documents.map((d) => d.name).sort()).toEqual([...names].sort())
  // Sizes are measured at compaction; the shutdown compacted every document.
  for (const meta of body.documents) expect(meta.size).toBeGreaterThan(0)
})
