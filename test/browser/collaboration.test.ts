// Two people co-edit one document in two browser contexts: text, carets, presence, honest
// save status, and offline editing that survives a reload and merges on reconnect.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import {
  apiAs,
  BrowserHarness,
  editorText,
  focusEditorEnd,
  openDocument,
  signUpContext,
  waitConnected,
  waitForEditorText,
  type OpenedPage,
} from './browserHarness.ts'

const ALICE = { name: 'Alice Levi', color: '#3538cd', email: 'alice@example.org', password: 'alice-password' }
const BOB = { name: 'Bob Cohen', color: '#b42318', email: 'bob@example.org', password: 'bob-password' }

let harness: BrowserHarness
// Alice and Bob keep one browser context each for the whole file (opening one costs seconds);
// every test works on its own document: the pages of three partners of Alice's initiative,
// where both are backbone staff.
let a: OpenedPage
let b: OpenedPage
const docs = { coedit: '', save: '', offline: '' }
/** Alice's personal access token, for reading documents straight from the server. */
let aliceToken = ''

beforeAll(async () => {
  harness = await BrowserHarness.start()
  // Accounts, an initiative with three partners, Bob invited as backbone staff — all through
  // the API, as Alice and Bob in their own browser contexts.
  const [contextA, contextB] = await Promise.all([harness.browser.newContext(), harness.browser.newContext()])
  await signUpContext(contextA, harness.url, ALICE)
  await signUpContext(contextB, harness.url, BOB)
  const { initiative } = await apiAs<{ initiative: { id: string } }>(contextA, harness.url, 'POST', '/api/initiatives', {
    name: 'Coalition',
    languages: ['en'],
  })
  for (const key of Object.keys(docs) as (keyof typeof docs)[]) {
    const { partner } = await apiAs<{ partner: { documentName: string } }>(contextA, harness.url, 'POST', `/api/initiatives/${initiative.id}/partners`, {
      name: `Partner ${key}`,
      sector: 'nonprofit',
    })
    docs[key] = partner.documentName
  }
  const { token } = await apiAs<{ token: string }>(contextA, harness.url, 'POST', `/api/initiatives/${initiative.id}/invitations`, { role: 'backbone' })
  await apiAs(contextB, harness.url, 'POST', `/api/invitations/${token}/accept`)
  ;({ secret: aliceToken } = await apiAs<{ secret: string }>(contextA, harness.url, 'POST', '/api/me/tokens', { name: 'test' }))
  await Promise.all([contextA.close(), contextB.close()])
  ;[a, b] = await Promise.all([harness.open(ALICE, `/d/${docs.coedit}`), harness.open(BOB, `/d/${docs.coedit}`)])
})

afterEach(() => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

/** Reads a document straight from the server with a plain y-websocket client. */
async function serverText(name: string): Promise<string> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(harness.server.syncUrl, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: aliceToken },
  })
  try {
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    const fragment = doc.getXmlFragment('default')
    const texts: string[] = []
    const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
      if (node instanceof Y.XmlText) texts.push(node.toString().replace(/<[^>]+>/g, ''))
      else node.toArray().forEach((child) => walk(child as Y.XmlElement | Y.XmlText))
    }
    walk(fragment)
    return texts.join('\n')
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

describe('co-editing', () => {
  it('two people see each other’s text, caret label and presence', async () => {
    await Promise.all([waitConnected(a.page), waitConnected(b.page)])

    await focusEditorEnd(a.page)
    await a.page.keyboard.type('Hello from Alice')
    await waitForEditorText(b.page, 'Hello from Alice')

    await focusEditorEnd(b.page)
    await b.page.keyboard.press('Enter')
    await b.page.keyboard.type('Hi from Bob')
    await waitForEditorText(a.page, 'Hi from Bob')

    // Each sees the other's caret, labelled with the other's name.
    await a.page.waitForFunction((name) => Array.from(document.querySelectorAll('.collaboration-carets__label')).some((l) => l.textContent === name), BOB.name)
    await b.page.waitForFunction(
      (name) => Array.from(document.querySelectorAll('.collaboration-carets__label')).some((l) => l.textContent === name),
      ALICE.name,
    )
    // Presence bar lists both people on both pages.
    for (const page of [a.page, b.page]) {
      await page.waitForFunction(() => document.querySelectorAll('.presence__person').length === 2)
      const names = await page.$$eval('.presence__name', (els) => els.map((el) => el.textContent))
      expect(names.sort()).toEqual([ALICE.name, BOB.name].sort())
    }
  })

  it('save status goes "Unsaved changes" → "All changes saved", and saved means the server has it', async () => {
    await openDocument(a, docs.save)
    expect(await a.page.textContent('.save-status')).toBe('All changes saved')
    await a.page.evaluate(() => {
      const pill = document.querySelector('.save-status')!
      const seen: string[] = [pill.textContent ?? '']
      ;(window as unknown as { seenSaveStates: string[] }).seenSaveStates = seen
      new MutationObserver(() => {
        const text = document.querySelector('.save-status')?.textContent ?? ''
        if (seen[seen.length - 1] !== text) seen.push(text)
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
    })

    await focusEditorEnd(a.page)
    await a.page.keyboard.type('Persist me')
    await a.page.waitForFunction(() => {
      const seen = (window as unknown as { seenSaveStates: string[] }).seenSaveStates
      return seen.length > 1 && seen[seen.length - 1] === 'All changes saved'
    })
    const seen = await a.page.evaluate(() => (window as unknown as { seenSaveStates: string[] }).seenSaveStates)
    expect(seen[0]).toBe('All changes saved')
    expect(seen).toContain('Unsaved changes')
    expect(seen.indexOf('Unsaved changes')).toBeLessThan(seen.lastIndexOf('All changes saved'))
    expect(await serverText(docs.save)).toContain('Persist me')
  })

  it('offline edits survive a reload and reach the other person when back online', async () => {
    await Promise.all([openDocument(a, docs.offline), openDocument(b, docs.offline)])
    await focusEditorEnd(a.page)
    await a.page.keyboard.type('Online line.')
    await waitForEditorText(b.page, 'Online line.')
    await a.page.waitForSelector('.save-status[data-state="saved"]')
    // The service worker must control the page before it can serve the app offline.
    await a.page.waitForFunction(() => navigator.serviceWorker?.controller != null)

    // Chromium's offline emulation stalls open WebSockets instead of closing them (the socket
    // would only die at the server's heartbeat). The app drops its socket on the browser's
    // 'offline' event; we check that nothing more is sent on it, and that a new socket
    // carries the offline edits later.
    const socketsBefore = a.syncSockets.length
    expect(socketsBefore).toBeGreaterThan(0)
    await a.context.setOffline(true)
    await a.page.waitForSelector('.connection-status[data-state="offline"]')
    let framesAfterOffline = 0
    a.syncSockets[socketsBefore - 1].on('framesent', () => framesAfterOffline++)

    await focusEditorEnd(a.page)
    await a.page.keyboard.press('Enter')
    await a.page.keyboard.type('Written offline by Alice.')
    await a.page.waitForSelector('.save-status[data-state="unsaved"]')
    expect(framesAfterOffline).toBe(0)

    // Reload at once while offline: the app comes from the service worker, the edit from
    // IndexedDB (its last keystrokes, whose IndexedDB writes the reload aborts, from the copy
    // the page kept at unload).
    await a.page.reload()
    await a.page.waitForSelector('.editor__content')
    await waitForEditorText(a.page, 'Written offline by Alice.')
    expect(await a.page.getAttribute('.connection-status', 'data-state')).toBe('offline')
    expect(await a.page.getAttribute('.save-status', 'data-state')).toBe('unsaved')
    expect(await editorText(b.page)).not.toContain('Written offline by Alice.')
    // While offline the reloaded page does not even try to connect.
    expect(a.syncSockets.length).toBe(socketsBefore)

    await a.context.setOffline(false)
    await waitConnected(a.page)
    expect(a.syncSockets.length).toBe(socketsBefore + 1)
    await waitForEditorText(b.page, 'Written offline by Alice.')
    await a.page.waitForSelector('.save-status[data-state="saved"]')
    expect(await serverText(docs.offline)).toContain('Written offline by Alice.')
  })
})
