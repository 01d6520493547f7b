// Offline on every screen, in Chromium on the demo initiative: after one visit online, the agenda
// tab, the partners, measurement and report card sections and /d/<doc> reload offline from the
// service worker and the answers this browser last saw (marked "Offline — showing what this
// browser last saw, <time>"), with the editor; edits made offline survive an offline reload,
// are counted in the header ("N changes not yet saved to the server"), make closing the tab ask
// first, and reach a second browser when the connection returns — with no click; a screen never
// opened before says it is not available offline and opens by itself once back online, also when
// the browser thinks it is online and only the server is unreachable (the retry with backoff).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  BrowserHarness,
  DEMO,
  DEMO_AGENDA,
  DEMO_INITIATIVE,
  editorText,
  seriousAxeViolations,
  waitConnected,
  waitForEditorText,
  type OpenedPage,
} from './browserHarness.ts'

let harness: BrowserHarness
let noa: OpenedPage

const I = `/i/${DEMO_INITIATIVE}`

/** What each screen shows once loaded (the same offline as online). */
const SCREENS = [
  { path: I, ready: '.editor__content .agenda-block[data-kind="indicator"]', document: true },
  { path: `${I}/partners`, ready: '.partner-list__item[data-partner="municipality"]', document: false },
  { path: `${I}/measurement`, ready: '.sheet-grid', document: false },
  { path: `${I}/report`, ready: '.rc-card[data-indicator="i-readiness01"] .rc-chart svg', document: false },
  { path: `/d/${DEMO_AGENDA}`, ready: '.editor__content .agenda-block[data-kind="indicator"]', document: true },
]

beforeAll(async () => {
  harness = await BrowserHarness.start({ seedDemo: true })
  noa = await harness.open({ name: DEMO.backbone.name, color: '#0e7090', language: 'en', email: DEMO.backbone.email }, I)
  await waitConnected(noa.page)
  // The service worker must control the page before it can serve the app offline.
  await noa.page.waitForFunction(() => navigator.serviceWorker?.controller != null)
})

afterEach(() => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

/** The paths whose answers this browser keeps (IndexedDB `cg-api:<user>`). */
function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('cg-api:'))
    const paths: string[] = []
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      if (db.objectStoreNames.contains('answers')) {
        const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
          const request = db.transaction('answers').objectStore('answers').getAllKeys()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        paths.push(...keys.map(String))
      }
      db.close()
    }
    return paths
  })
}

async function waitUntilCached(page: Page, paths: string[]): Promise<void> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const cached = await cachedPaths(page)
    if (paths.every((p) => cached.includes(p))) return
    if (Date.now() > deadline) throw new Error(`not cached: ${paths.filter((p) => !cached.includes(p)).join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const api = `/api/initiatives/${DEMO_INITIATIVE}`

describe('offline', () => {
  it('reloads the agenda tab, the partners, measurement and report card sections and /d/<doc> offline, marked stale, and recovers by itself', async () => {
    const { page, context } = noa
    // One visit online: what the screens asked for is kept.
    for (const screen of SCREENS) {
      await page.goto(harness.url + screen.path)
      await page.waitForSelector(screen.ready)
      if (screen.document) await waitConnected(page)
    }
    await waitUntilCached(page, [api, `${api}/partners`, `${api}/members`, `${api}/indicators`, `${api}/report-card`, `${api}/agenda/endorsements`])
    expect(await page.textContent('.offline-status')).toBe('')

    await context.setOffline(true)
    for (const screen of SCREENS) {
      await page.goto(harness.url + screen.path)
      await page.waitForSelector(screen.ready)
      // Only /d/ shows no initiative data from the API: its document is the local copy.
      if (screen.path.startsWith('/i/')) {
        const stale = await page.waitForSelector('.offline-status__stale')
        expect(await stale.textContent()).toMatch(
          /^Offline — showing what this browser last saw, .+\d{1,2}:\d\d.*\. It updates by itself when the connection returns\.$/,
        )
      }
      expect(await page.$('.state--error')).toBeNull()
      if (screen.document) {
        expect(await page.getAttribute('.connection-status', 'data-state')).toBe('offline')
        expect(await page.getAttribute('.editor__content', 'contenteditable')).toBe('true')
      }
    }

    // Back on the agenda tab, then online: the notice goes and the answers are the server's again, with no click.
    await page.goto(harness.url + I)
    await page.waitForSelector('.offline-status__stale')
    await page.waitForSelector(SCREENS[0]!.ready)
    expect(await seriousAxeViolations(page)).toEqual([])
    await context.setOffline(false)
    await page.waitForSelector('.offline-status__stale', { state: 'detached' })
    await waitConnected(page)
    expect(await page.$('.state--error')).toBeNull()
  })

  it('keeps edits made offline across an offline reload, counts them in the header, warns before closing, and saves them when back online', async () => {
    const { page, context } = noa
    const miriam = await harness.open({ name: DEMO.participant.name, color: '#b42318', language: 'en', email: DEMO.participant.email }, I)
    await waitConnected(miriam.page)
    await page.goto(harness.url + I)
    await waitConnected(page)
    await page.waitForSelector('.save-status[data-state="saved"]')

    await context.setOffline(true)
    await page.waitForSelector('.connection-status[data-state="offline"]')
    await page.click('.editor__content > p:last-of-type')
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    const line = 'Written offline on the agenda.'
    await page.keyboard.type(line)
    const pending = await page.waitForSelector('.offline-status__pending')
    const counted = Number(await pending.getAttribute('data-count'))
    expect(counted).toBeGreaterThanOrEqual(line.length)
    expect(await pending.textContent()).toBe(`${counted} changes not yet saved to the server`)

    // Closing the tab asks first (the browser's own dialog); staying keeps the page.
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))))
    await page.close({ runBeforeUnload: true })
    expect(await dialog).toBe('beforeunload')
    expect(page.isClosed()).toBe(false)

    // Reload offline (leaving when asked again): the edit comes back from this browser, still counted,
    // the initiative from its last answer.
    page.once('dialog', (d) => void d.accept())
    await page.reload()
    await waitForEditorText(page, line)
    await page.waitForSelector('.offline-status__stale')
    expect(Number(await page.getAttribute('.offline-status__pending', 'data-count'))).toBe(counted)
    expect(await page.getAttribute('.save-status', 'data-state')).toBe('unsaved')
    expect(await editorText(miriam.page)).not.toContain(line)

    // Back online, no click: the edit reaches the other browser, the notices go.
    await context.setOffline(false)
    await waitForEditorText(miriam.page, line)
    await page.waitForSelector('.save-status[data-state="saved"]')
    await page.waitForSelector('.offline-status__pending', { state: 'detached' })
    await page.waitForSelector('.offline-status__stale', { state: 'detached' })
    // Nothing left to warn about: closing does not ask.
    let asked = false
    page.once('dialog', (d) => {
      asked = true
      void d.dismiss()
    })
    await page.evaluate(() => window.dispatchEvent(new Event('beforeunload', { cancelable: true })))
    expect(asked).toBe(false)
    await miriam.context.close()
  })

  it('saves the edits of a document closed while offline by itself, in the background, once back online', async () => {
    const { page, context } = noa
    const miriam = await harness.open({ name: DEMO.participant.name, color: '#b42318', language: 'en', email: DEMO.participant.email }, I)
    await waitConnected(miriam.page)
    await page.goto(harness.url + I)
    await waitConnected(page)
    await page.waitForSelector('.save-status[data-state="saved"]')
    await context.setOffline(true)
    await page.waitForSelector('.connection-status[data-state="offline"]')
    await page.click('.editor__content > p:last-of-type')
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    const line = 'Left behind offline.'
    await page.keyboard.type(line)
    await page.waitForSelector('.offline-status__pending')
    // Away from the agenda (its editor closed), still offline: the header still counts its edits.
    await page.click('a[data-section="partners"]')
    await page.waitForSelector('.partner-list__item')
    expect(await page.$('.editor__content')).toBeNull()
    expect(Number(await page.getAttribute('.offline-status__pending', 'data-count'))).toBeGreaterThanOrEqual(line.length)
    await context.setOffline(false)
    await waitForEditorText(miriam.page, line)
    await page.waitForSelector('.offline-status__pending', { state: 'detached' })
    expect(await page.$('.editor__content')).toBeNull()
    await miriam.context.close()
  })

  it.each([
    { language: 'he' as const, pending: /^\d+ שינויים עדיין לא נשמרו בשרת$/, stale: /^אין חיבור — מוצג מה שהדפדפן הזה ראה לאחרונה, / },
    {
      language: 'ar' as const,
      pending: /^\d+ (تغييرًا لم يُحفظ|تغيير لم يُحفظ|تغييرات لم تُحفظ) بعد على الخادم$/,
      stale: /^لا يوجد اتصال — يُعرض ما رآه هذا المتصفح آخر مرة، /,
    },
  ])('says it in $language, right to left', async ({ language, pending, stale }) => {
    const opened = await harness.open({ name: DEMO.partner.name, color: '#3538cd', language, email: DEMO.partner.email }, I)
    const { page, context } = opened
    await waitConnected(page)
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
    await waitUntilCached(page, [api])
    await context.setOffline(true)
    await page.waitForSelector('.connection-status[data-state="offline"]')
    await page.click('.editor__content > p:last-of-type')
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Sababa 12345')
    const count = await page.waitForSelector('.offline-status__pending')
    expect(await count.textContent()).toMatch(pending)
    expect(await count.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl')
    await page.reload()
    expect(await (await page.waitForSelector('.offline-status__stale')).textContent()).toMatch(stale)
    await context.setOffline(false)
    await page.waitForSelector('.offline-status__pending', { state: 'detached' })
    await context.close()
  })

  it('a screen never opened here says so offline, and opens by itself when the connection returns', async () => {
    const { page, context } = noa
    await page.goto(harness.url + '/')
    await page.waitForSelector('.app-main h1')
    await context.setOffline(true)
    // The audit log was never opened in this browser: nothing to show, no error but an explanation.
    await page.goto(`${harness.url}${I}/audit`)
    await page.waitForSelector('.offline-status__stale')
    expect(await page.textContent('.state--error .state__description')).toBe(
      'This browser has not opened it before, so there is nothing to show while offline. It opens by itself when the connection returns.',
    )
    await context.setOffline(false)
    await page.waitForSelector('.audit-table tbody tr')
    expect(await page.$('.state--error')).toBeNull()
  })

  it('retries with backoff while only the server is unreachable (the browser online), then recovers by itself', async () => {
    const { page } = noa
    await page.goto(harness.url + I)
    await waitConnected(page)
    await waitUntilCached(page, [api])
    // The server stops answering HTTP; the browser still says it is online.
    let refused = 0
    await page.route('**/api/**', (route) => {
      refused++
      return route.abort('connectionrefused')
    })
    await page.reload()
    const stale = await page.waitForSelector('.offline-status__stale')
    expect(await stale.textContent()).toContain('Offline — showing what this browser last saw')
    await page.waitForSelector('.editor__content .agenda-block[data-kind="indicator"]')
    // It keeps asking by itself (the health probe, 1 s then 2 s …).
    const before = refused
    await new Promise((resolve) => setTimeout(resolve, 3500))
    expect(refused).toBeGreaterThan(before)
    await page.unroute('**/api/**')
    await page.waitForSelector('.offline-status__stale', { state: 'detached', timeout: 40_000 })
    // The refused requests were logged by Chromium as failed loads: expected here.
    const errors = harness.takeErrors().filter((e) => !/net::ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))
    expect(errors).toEqual([])
  })
  it('sign-out deletes the kept answers and counts with the local copies', async () => {
    const { page } = noa
    await page.goto(harness.url + I)
    await waitConnected(page)
    await waitUntilCached(page, [api])
    await page.click('.identity__button')
    await page.click('.identity__signout')
    await page.waitForURL('**/signin')
    await page.waitForFunction(async () => !(await indexedDB.databases()).some((d) => d.name?.startsWith('cg-api:') || d.name?.startsWith('cg-doc:')))
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cg.pending:')))).toEqual([])
    expect(await page.textContent('.offline-status')).toBe('')
  })
})
