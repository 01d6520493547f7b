// The server module contract: a module passed in startServer's options gets its hooks called on a
// real edit, its route mounted under /api (before the JSON 404), its start with the context before
// the server listens (a write it makes there goes through the rooms), and its stop at shutdown.
import { describe, expect, it } from 'vitest'
import { createModuleApp, type ModuleContext, type ServerModule } from '@common-ground/server'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced } from './helpers/clients.ts'
import { getJson, startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

function testModule() {
  const events: string[] = []
  const edits: { name: string; text: string }[] = []
  let context: ModuleContext | null = null
  const module: ServerModule = {
    name: 'probe',
    hooks: {
      onLoadDocument: ({ name }) => void events.push(`load ${name}`),
      onChange: ({ name, doc }) => void edits.push({ name, text: doc.getText('t').toString() }),
    },
    routes: (ctx) => [{ path: '/api/probe', app: createModuleApp().get('/', (c) => c.json({ edits: edits.length, openDocuments: ctx.rooms.size })) }],
    readModels: [{ name: 'probe-model', rebuild: async () => void events.push('rebuild'), close: async () => void events.push('close model') }],
    async start(ctx) {
      context = ctx
      events.push('start')
      await ctx.rooms.transact('probe/welcome', (doc) => doc.getText('t').insert(0, 'welcome'), { user: null, reason: 'probe' })
    },
    async stop() {
      events.push('stop')
    },
  }
  return { module, events, edits, context: () => context }
}

describe('server modules', () => {
  it('hooks, routes, start and stop of a module from the options', async () => {
    const probe = testModule()
    const server = await startTestServer({ modules: [probe.module] })
    expect(probe.events.slice(0, 2)).toEqual(['start', 'load probe/welcome'])
    expect(probe.edits).toEqual([{ name: 'probe/welcome', text: 'welcome' }])
    expect(probe.context()?.metadata).toBe(server.metadata)
    expect(server.metadata.get('probe/welcome')).toBeDefined() // the built-in metadata module saw the module's write

    const client = await connectSynced(server.syncUrl, 'probe/live')
    client.doc.getText('t').insert(0, 'typed')
    await waitFor(() => probe.edits.some((e) => e.name === 'probe/live' && e.text === 'typed'))

    const answer = await getJson(`${server.url}/api/probe`)
    expect(answer).toEqual({ status: 200, body: { edits: 2, openDocuments: 1 } })
    expect((await getJson(`${server.url}/api/probe-not-here`)).status).toBe(404)

    await client.destroy()
    expect(probe.events).not.toContain('stop')
    await server.stop()
    expect(probe.events.slice(-2)).toEqual(['stop', 'close model'])
  })

  it('a module whose start fails stops the ones started before it, and the server does not start', async () => {
    const first = testModule()
    const failing: ServerModule = { name: 'broken', start: () => Promise.reject(new Error('cannot start')) }
    await expect(startTestServer({ modules: [first.module, failing] })).rejects.toThrow('cannot start')
    expect(first.events).toContain('stop')
  })
})
