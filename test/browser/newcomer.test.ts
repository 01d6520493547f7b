// A newcomer's first hour (issue 24): the small things that make people trust the product.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import type { WebSocketRoute } from 'playwright-core'
import { MessageType, SyncMessageType } from '@common-ground/protocol'
import { partnerDocumentName } from '@common-ground/domain'
import { apiAs, BrowserHarness, CLIENT_DIST, DEMO, DEMO_AGENDA, DEMO_INITIATIVE, eventually, openDocument, waitConnected } from './browserHarness.ts'

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

  it("the signed-out home says what the product is, in the reader's language, and links to the published public pages", async () => {
    const { page } = await harness.open({ name: 'Visitor', color: '#b54708', language: 'he' })
    await page.waitForSelector('.welcome a')
    expect(await page.textContent('#welcome-heading')).toBe('מה זה Common Ground')
    expect(await page.textContent('.welcome')).toMatch(/האג׳נדה המשותפת/)
    expect(await page.getAttribute('.welcome a', 'href')).toBe(`/p/${DEMO_INITIATIVE}`)
    expect(await page.isVisible('input[type="email"]')).toBe(true)
    expect(await page.locator('h1').count()).toBe(1)
    await page.click('.welcome a')
    await page.waitForURL(`**/p/${DEMO_INITIATIVE}`)
    await page.waitForSelector('.readonly-badge')
  })
})

describe('titles', () => {
  it("a document page is titled by the document's name and its initiative's, never by the document id", async () => {
    const opened = await harness.open({ name: 'Noa', color: '#027a48', email: DEMO.backbone.email })
    const { page, context } = opened
    const { initiative } = await apiAs<{ initiative: { name: string } }>(context, harness.url, 'GET', `/api/initiatives/${DEMO_INITIATIVE}`)
    const { partners } = await apiAs<{ partners: { id: string; name: string }[] }>(context, harness.url, 'GET', `/api/initiatives/${DEMO_INITIATIVE}/partners`)
    const partner = partners.find((p) => p.id === DEMO.partner.partnerId)!

    await openDocument(opened, DEMO_AGENDA)
    await page.waitForFunction((name) => document.title.includes(name), initiative.name)
    expect(await page.textContent('h1')).toBe('Common agenda')
    expect(await page.title()).toBe(`Common agenda — ${initiative.name} · Common Ground`)
    expect(await page.textContent('.breadcrumb')).toContain(initiative.name)
    expect(await page.textContent('.page--document')).not.toContain(DEMO_AGENDA)

    const partnerDocument = partnerDocumentName(DEMO_INITIATIVE, partner.id)
    await openDocument(opened, partnerDocument)
    await page.waitForFunction((name) => document.querySelector('h1')?.textContent === name, partner.name)
    expect(await page.title()).toBe(`${partner.name} — ${initiative.name} · Common Ground`)
    expect(await page.textContent('.page--document')).not.toContain(partnerDocument)

    // The agenda tab of the initiative: its name, not the document's id, anywhere on the page.
    await page.goto(`${harness.url}/i/${DEMO_INITIATIVE}`)
    await waitConnected(page)
    expect(await page.title()).toContain(initiative.name)
    expect(await page.title()).not.toContain(DEMO_AGENDA)
    expect(await page.textContent('main')).not.toContain(DEMO_AGENDA)
  })

  it("one h1 per page: the document's own headings render one rank down, the stored levels unchanged", async () => {
    const opened = await harness.open({ name: 'Noa', color: '#027a48', email: DEMO.backbone.email }, `/i/${DEMO_INITIATIVE}`)
    const { page } = opened
    await waitConnected(page)
    const headings = () =>
      page.$$eval('.editor__content [data-level]', (elements) => elements.map((element) => `${element.tagName}:${element.getAttribute('data-level')}`))
    await page.waitForSelector('.editor__content [data-level="1"]')
    expect(await page.locator('h1').count()).toBe(1)
    expect(await page.locator('.editor__content h1').count()).toBe(0)
    const initiativePage = await headings()
    expect(initiativePage).toContain('H2:1')
    for (const heading of initiativePage) expect(Number(heading.slice(1, 2))).toBe(Number(heading.split(':')[1]) + 1)

    await openDocument(opened, DEMO_AGENDA)
    await page.waitForSelector('.editor__content [data-level="1"]')
    expect(await page.locator('h1').count()).toBe(1)
    expect(await headings()).toEqual(initiativePage)
  })
})

describe('the audit log in Hebrew', () => {
  it('shows actions and details in words, dates in Hebrew: no action code, no type/id/ip developer details', async () => {
    const { page } = await harness.open({ name: 'Noa', color: '#027a48', language: 'he', email: DEMO.backbone.email }, `/i/${DEMO_INITIATIVE}/audit`)
    await page.waitForSelector('.audit-table tbody tr')
    const rows = await page.$$eval('.audit-table tbody tr', (trs) =>
      trs.map((tr) => ({ action: tr.getAttribute('data-action') ?? '', cells: Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '') })),
    )
    expect(rows.length).toBeGreaterThan(3)
    for (const { action, cells } of rows) {
      const [when, what, , details] = cells
      expect(what, action).not.toContain(action)
      expect(what, action).toMatch(/[\u0590-\u05FF]/)
      expect(details, action).not.toMatch(/type:|id:|ip:/)
      expect(when, action).toMatch(/[\u0590-\u05FF]/) // the month, in Hebrew (Intl)
    }
  })
})

describe('empty text fields', () => {
  it('start in the interface direction (right-to-left in Hebrew) and follow their text once typed into', async () => {
    const { page } = await harness.open({ name: 'Noa', color: '#027a48', language: 'he', email: DEMO.backbone.email }, `/i/${DEMO_INITIATIVE}/partners`)
    const name = '.partner-form input >> nth=0'
    await page.waitForSelector(name)
    const direction = () => page.$eval('.partner-form input', (input) => [input.getAttribute('dir'), getComputedStyle(input).direction])
    expect(await direction()).toEqual(['rtl', 'rtl'])
    await page.fill(name, 'Negev Co-op')
    expect(await direction()).toEqual(['auto', 'ltr'])
    await page.fill(name, 'קואופרטיב הנגב')
    expect(await direction()).toEqual(['auto', 'rtl'])
    await page.fill(name, '')
    expect(await direction()).toEqual(['rtl', 'rtl'])
    // In English the same empty field is left-to-right.
    await page.click('button[lang="en"]')
    await page.waitForFunction(() => document.documentElement.dir === 'ltr')
    expect(await direction()).toEqual(['ltr', 'ltr'])
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
