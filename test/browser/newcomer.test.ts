// A newcomer's first hour (issue 24): the small things that make people trust the product.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import type { WebSocketRoute } from 'playwright-core'
import { MessageType, SyncMessageType } from '@common-ground/protocol'
import { BrowserHarness, CLIENT_DIST, DEMO, DEMO_AGENDA, eventually, openDocument } from './browserHarness.ts'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await BrowserHarness.start({ seedDemo: true })
})

afterEach(async () => {
  expect(harness.takeErrors()).toEqual([])
  await harness.closeContexts()
})

afterAll(async () => {
  await harness?.close()
})

function updateFrame(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Update)
  encoding.writeVarUint8Array(encoder, update)
  return Buffer.from(encoding.toUint8Array(encoder))
}

describe('source maps', () => {
  it('the build writes them hidden (beside the bundles, not referenced) and the server does not serve them', async () => {
    const assets = readdirSync(join(CLIENT_DIST, 'assets'))
    const bundles = assets.filter((file) => file.endsWith('.js'))
    const mapped = bundles.filter((bundle) => assets.includes(`${bundle}.map`))
    expect(mapped.length).toBeGreaterThan(0)
    for (const bundle of bundles) expect(readFileSync(join(CLIENT_DIST, 'assets', bundle), 'utf8'), bundle).not.toContain('sourceMappingURL')
    expect((await fetch(`${harness.url}/assets/${mapped[0]}`)).status).toBe(200)
    expect((await fetch(`${harness.url}/assets/${mapped[0]}.map`)).status).toBe(404)
  })
})

describe('a signed-out visit', () => {
  it('loads the home page without a single console error (no 401 from asking who is signed in)', async () => {
    const context = await harness.browser.newContext()
    const page = await context.newPage()
    const consoleErrors: string[] = []
    // Stricter than the harness: even the 4xx answers it tolerates count here.
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    const asked: string[] = []
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (path.startsWith('/api/')) asked.push(path)
    })
    await page.goto(harness.url + '/')
    await page.waitForSelector('input[type="email"]')
    await page.reload()
    await page.waitForSelector('input[type="email"]')
    expect(asked).toContain('/api/auth/session')
    expect(asked).not.toContain('/api/me')
    expect(consoleErrors).toEqual([])
    await context.close()
  })
})

describe('read-only feedback', () => {
  it('a participant whose page writes anyway sees "Read only — your changes are not saved" and stays connected', async () => {
    const opened = await harness.open({ name: 'Miriam', color: '#6941c6', email: DEMO.participant.email })
    // The page's socket goes through a proxy that can add frames of its own: a modified page.
    const toServer: WebSocketRoute[] = []
    await opened.page.routeWebSocket(/\/sync\//, (route) => {
      toServer.push(route.connectToServer())
    })
    await openDocument(opened, DEMO_AGENDA)
    const page = opened.page
    expect(await page.isVisible('.save-status')).toBe(false) // read-only: no save status

    const doc = new Y.Doc()
    doc.getText('text').insert(0, 'written by a modified page')
    await eventually(() => toServer.length > 0, 'the proxied socket')
    toServer.at(-1)!.send(updateFrame(Y.encodeStateAsUpdate(doc)))

    await page.waitForSelector('.save-status[data-state="readOnly"]')
    expect(await page.textContent('.save-status')).toBe('Read only — your changes are not saved')
    expect(await page.getAttribute('.connection-status', 'data-state')).toBe('connected')
  })
})
