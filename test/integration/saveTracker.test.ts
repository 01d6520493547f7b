// The client's save status (client/src/sync/SaveTracker.ts) against the real server over a real
// WebsocketProvider: "saved" only once the server holds every local edit, never while offline,
// and remote edits never make it "unsaved".
import { expect, it } from 'vitest'
import { SaveTracker } from '../../client/src/sync/SaveTracker.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectClient, connectSynced, waitForSynced } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

async function trackedClient(syncUrl: string, name: string) {
  // As the app does (client/src/sync/DocumentSession.ts): the tracker is attached before the provider connects.
  const client = connectClient(syncUrl, name, { connect: false })
  const tracker = new SaveTracker(client.doc, client.provider, { isRemoteOrigin: (origin) => origin === client.provider, debounceMs: 20, maxWaitMs: 100 })
  const seen: string[] = []
  tracker.subscribe(() => seen.push(tracker.getStatus()))
  client.provider.connect()
  await waitForSynced(client.provider)
  return { ...client, tracker, seen }
}

/** What the server holds of `name`, read by a fresh client. */
async function serverText(syncUrl: string, name: string): Promise<string> {
  const reader = await connectSynced(syncUrl, name)
  const text = reader.doc.getText('t').toString()
  await reader.destroy()
  return text
}

it('says saved only after the server holds the edit, stays unsaved offline, and recovers on reconnect', async () => {
  const server = await startTestServer()
  const a = await trackedClient(server.syncUrl, 'save/doc')
  expect(a.tracker.getStatus()).toBe('saved')

  a.doc.getText('t').insert(0, 'first')
  expect(a.tracker.getStatus()).not.toBe('saved')
  await waitFor(() => a.tracker.getStatus() === 'saved', { what: 'saved after the first edit' })
  expect(await serverText(server.syncUrl, 'save/doc')).toBe('first')

  a.provider.disconnect()
  a.doc.getText('t').insert(5, ' offline')
  await new Promise((resolve) => setTimeout(resolve, 300)) // past the debounce and the longest wait
  expect(a.tracker.getStatus()).not.toBe('saved')
  expect(await serverText(server.syncUrl, 'save/doc')).toBe('first')

  a.provider.connect()
  await waitFor(() => a.tracker.getStatus() === 'saved', { what: 'saved after reconnecting' })
  expect(await serverText(server.syncUrl, 'save/doc')).toBe('first offline')
  expect(a.seen).toContain('unsaved')
  await a.destroy()
})

it('remote edits arriving keep the status saved', async () => {
  const server = await startTestServer()
  const a = await trackedClient(server.syncUrl, 'save/remote')
  const b = await connectSynced(server.syncUrl, 'save/remote')
  b.doc.getText('t').insert(0, 'from b')
  await waitFor(() => a.doc.getText('t').toString() === 'from b')
  expect(a.tracker.getStatus()).toBe('saved')
  expect(a.seen).not.toContain('unsaved')
  await a.destroy()
  await b.destroy()
})
