// The one server-side write path (RoomManager.transact, used by the document writer): seeded and
// newly created content reaches the hooks, a connected y-websocket client receives a server
// write, sequence numbers never clash with an open room, and everything survives a restart.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ServerHooks } from '@common-ground/server'
import { createInitiative, signUp } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced } from './helpers/clients.ts'
import { makeTempDir, startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

type Change = { name: string; seq: number; user: string | null; xml: string }

function recorder(): { hooks: ServerHooks; changes: Change[] } {
  const changes: Change[] = []
  return {
    changes,
    hooks: {
      onChange: ({ name, record, doc }) => void changes.push({ name, seq: record.seq, user: record.user, xml: doc.getXmlFragment('default').toString() }),
    },
  }
}

describe('server-side writes', () => {
  it('seeded and newly created agendas reach onChange, and the metadata lists them', async () => {
    const { hooks, changes } = recorder()
    const server = await startTestServer({ access: 'enforced', seedDemo: true, hooks: [hooks] })
    const seeded = changes.find((c) => c.name === 'i/beer-sheva-c2c/agenda')
    expect(seeded?.xml).toContain('Common agenda')
    expect(seeded?.user).toBeNull()

    const owner = await signUp(server.url, 'Owner')
    const { agenda } = await createInitiative(server.url, owner, 'Reading together')
    const created = changes.find((c) => c.name === agenda)
    expect(created?.xml).toContain('Reading together')
    expect(server.metadata.get(agenda)).toBeDefined()
    expect(server.rooms.get(agenda)).toBeUndefined() // nobody connected: the room left memory
  })

  it('a connected client receives a server write; seq numbers stay in order and survive a restart', async () => {
    const dataDir = await makeTempDir()
    const { hooks, changes } = recorder()
    const server = await startTestServer({ dataDir, hooks: [hooks] })
    const client = await connectSynced(server.syncUrl, 'doc')
    client.doc.getText('t').insert(0, 'client ')
    await waitFor(() => changes.length === 1)

    await server.rooms.transact('doc', (doc) => doc.getText('t').insert(doc.getText('t').length, 'server'), { user: 'u-server', reason: 'test' })
    await waitFor(() => client.doc.getText('t').toString() === 'client server')
    expect(server.rooms.get('doc')).toBeDefined() // a client is connected: the room stays
    client.doc.getText('t').insert(0, '> ')
    await waitFor(() => changes.length === 3)
    expect(changes.map((c) => c.seq)).toEqual([1, 2, 3])
    expect(changes[1]!.user).toBe('u-server')

    await client.destroy()
    await server.stop()
    const restarted = await startTestServer({ dataDir })
    const reader = await connectSynced(restarted.syncUrl, 'doc')
    expect(reader.doc.getText('t').toString()).toBe('> client server')
    const loaded = await restarted.rooms.acquire('doc')
    expect(loaded.doc.getText('t').toString()).toBe('> client server')
    const check = new Y.Doc()
    Y.applyUpdate(check, Y.encodeStateAsUpdate(loaded.doc))
    expect(check.getText('t').toString()).toBe('> client server')
  })
})
