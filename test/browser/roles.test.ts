// The three demo roles signed in through the UI: what each sees and may do (and may not),
// the invitation flow in the browser, a live demotion to read-only, sign-out, and Hebrew RTL
// on the new screens.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  BrowserHarness,
  DEMO,
  DEMO_AGENDA,
  DEMO_INITIATIVE,
  DEMO_PASSWORD,
  editorText,
  focusEditorEnd,
  waitConnected,
  waitForEditorText,
} from './browserHarness.ts'

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

/** Opens `/`, where a signed-out person sees the sign-in form, and signs in through it. */
async function signInThroughUi(email: string, language: 'en' | 'he' = 'en'): Promise<Page> {
  const { page } = await harness.open({ name: email, color: '#3538cd', language })
  await page.waitForSelector('form input[name="email"]')
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', DEMO_PASSWORD)
  await page.click('form button[type="submit"]')
  await page.waitForSelector('.initiative-list__link')
  return page
}

async function openInitiative(page: Page): Promise<void> {
  await page.click(`.initiative-list__link[href="/i/${DEMO_INITIATIVE}"]`)
  await page.waitForURL(`**/i/${DEMO_INITIATIVE}`)
  await page.waitForSelector('.tab-nav')
}

const tabs = (page: Page) => page.$$eval('.tab-nav__link', (links) => links.map((l) => l.getAttribute('data-section')))

async function openSection(page: Page, section: string): Promise<void> {
  await page.click(`.tab-nav__link[data-section="${section}"]`)
  await page.waitForURL(`**/i/${DEMO_INITIATIVE}/${section}`)
}

describe('what each role may do', () => {
  it('backbone staff: every section, an editable agenda, invitations, audit log and settings', async () => {
    const page = await signInThroughUi(DEMO.backbone.email)
    expect(await page.textContent('.identity__name')).toBe(DEMO.backbone.name)
    await openInitiative(page)
    expect(await tabs(page)).toEqual(['home', 'history', 'partners', 'measurement', 'report', 'members', 'audit', 'settings'])
    expect(await page.getAttribute('.role-badge', 'data-role')).toBe('backbone')

    await waitConnected(page)
    expect(await page.$('.readonly-badge')).toBeNull()
    expect(await page.$('[role="toolbar"]')).not.toBeNull()
    await focusEditorEnd(page)
    await page.keyboard.type(' Backbone was here.')
    await waitForEditorText(page, 'Backbone was here.')
    await page.waitForSelector('.save-status[data-state="saved"]')

    await openSection(page, 'partners')
    await page.waitForSelector('.coverage__sector')
    expect(await page.$$eval('.coverage__sector', (els) => els.length)).toBe(8)
    expect(await page.$$eval('.partner-list__item', (els) => els.length)).toBe(8)
    // May edit and delete every partner, and add new ones.
    expect(await page.$$eval('.partner-list__item [data-action="edit-partner"]', (els) => els.length)).toBe(8)
    expect(await page.$$eval('.partner-list__item [data-action="confirm-start"]', (els) => els.length)).toBe(8)
    expect(await page.$('form[aria-label="Add a partner"]')).not.toBeNull()

    await openSection(page, 'members')
    await page.waitForSelector('.members-table')
    expect(await page.$$eval('.members-table [data-action="change-role"]', (els) => els.length)).toBe(3)
    await page.waitForSelector('form[aria-label="Invite someone"]')
    await page.waitForSelector('.invitations-table')

    await openSection(page, 'audit')
    await page.waitForSelector('.audit-table')
    expect(await page.$$eval('.audit-table tbody tr', (rows) => rows.length)).toBeGreaterThan(3)
    // Filter by action prefix.
    await page.selectOption('.audit-filter select >> nth=0', 'partner.')
    await page.click('.audit-filter button[type="submit"]')
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('.audit-table tbody tr'))
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-action')?.startsWith('partner.'))
    })

    await openSection(page, 'settings')
    await page.waitForSelector('.publication-status[data-state="published"]')
  })

  it('partner executive: edits the agenda and their own partner, not other partners; no audit or settings', async () => {
    const page = await signInThroughUi(DEMO.partner.email)
    await openInitiative(page)
    expect(await tabs(page)).toEqual(['home', 'history', 'partners', 'measurement', 'report', 'members'])
    expect(await page.getAttribute('.role-badge', 'data-role')).toBe('partner')
    await waitConnected(page)
    expect(await page.$('.readonly-badge')).toBeNull()
    await focusEditorEnd(page)
    await page.keyboard.type(' Partner note.')
    await waitForEditorText(page, 'Partner note.')
    await page.waitForSelector('.save-status[data-state="saved"]')

    await openSection(page, 'partners')
    await page.waitForSelector('.partner-list__item')
    const editable = await page.$$eval('.partner-list__item', (items) =>
      items.filter((item) => item.querySelector('[data-action="edit-partner"]')).map((item) => item.getAttribute('data-partner')),
    )
    expect(editable).toEqual([DEMO.partner.partnerId])
    expect(await page.$('.partner-list__item [data-action="confirm-start"]')).toBeNull()
    expect(await page.$('form[aria-label="Add a partner"]')).toBeNull()

    // Their own partner page is editable; another partner's page is read-only.
    await page.click(`.partner-list__item[data-partner="${DEMO.partner.partnerId}"] .partner-row__name`)
    await page.waitForURL(`**/partners/${DEMO.partner.partnerId}`)
    await waitConnected(page)
    expect(await page.$('.readonly-badge')).toBeNull()
    await page.goto(`${harness.url}/i/${DEMO_INITIATIVE}/partners/university`)
    await waitConnected(page)
    await page.waitForSelector('.readonly-badge')
    expect(await page.getAttribute('.editor__content', 'contenteditable')).toBe('false')

    // Direct addresses of sections the role may not use say so.
    await page.goto(`${harness.url}/i/${DEMO_INITIATIVE}/audit`)
    await page.waitForSelector('.state--error')
    expect(await page.$('.audit-table')).toBeNull()
  })

  it('participant: the agenda is read-only (typing changes nothing); no invitations, audit or settings', async () => {
    const page = await signInThroughUi(DEMO.participant.email)
    await openInitiative(page)
    expect(await tabs(page)).toEqual(['home', 'history', 'partners', 'measurement', 'report', 'members'])
    await waitConnected(page)
    await page.waitForSelector('.readonly-badge')
    expect(await page.$('[role="toolbar"]')).toBeNull()
    expect(await page.getAttribute('.editor__content', 'contenteditable')).toBe('false')
    expect(await page.getAttribute('.editor__content', 'aria-readonly')).toBe('true')
    const before = await editorText(page)
    await page.click('.editor__content')
    await page.keyboard.type('Participant typing')
    await page.keyboard.press('Enter')
    await page.waitForTimeout(300)
    expect(await editorText(page)).toBe(before)

    await openSection(page, 'partners')
    await page.waitForSelector('.partner-list__item')
    expect(await page.$('.partner-list__item button')).toBeNull()
    await openSection(page, 'members')
    await page.waitForSelector('.members-table')
    expect(await page.$('.members-table [data-action="change-role"]')).toBeNull()
    // The only action: leaving, on their own row.
    expect(await page.$$eval('.members-table [data-action="confirm-start"]', (els) => els.map((el) => el.closest('tr')?.getAttribute('data-member')))).toEqual([
      DEMO.participant.email,
    ])
    expect(await page.$('form[aria-label="Invite someone"]')).toBeNull()
    await page.goto(`${harness.url}/i/${DEMO_INITIATIVE}/settings`)
    await page.waitForSelector('.state--error')
  })
})

describe('invitations, live role changes and sign-out', () => {
  it('a new person opens an invitation link, signs up, lands in the initiative as partner executive; a demotion turns their editor read-only live', async () => {
    const backbone = await signInThroughUi(DEMO.backbone.email)
    await backbone.goto(`${harness.url}/i/${DEMO_INITIATIVE}/members`)
    await backbone.waitForSelector('form[aria-label="Invite someone"]')
    const form = 'form[aria-label="Invite someone"]'
    await backbone.selectOption(`${form} select >> nth=0`, 'partner')
    await backbone.selectOption(`${form} select >> nth=1`, 'university')
    await backbone.click(`${form} button[type="submit"]`)
    await backbone.waitForSelector('.copy-field__input')
    const link = await backbone.inputValue('.copy-field__input')
    expect(link).toMatch(/\/invite\//)
    await backbone.waitForSelector('.invitations-table tr[data-status="pending"]')

    // A new person, signed out, opens the link.
    const { page: guest } = await harness.open({ name: 'Tamar', color: '#027a48', language: 'en' }, new URL(link).pathname)
    await guest.waitForSelector('.invite__initiative')
    expect(await guest.textContent('.invite__role [data-role]')).toBe('Partner executive')
    await guest.click('a:text-is("Create account")')
    await guest.waitForURL('**/signup?next=*')
    await guest.fill('input[name="name"]', 'Tamar Peretz')
    await guest.fill('input[name="email"]', 'tamar@example.org')
    await guest.fill('input[name="new-password"]', 'a-long-password')
    await guest.click('form button[type="submit"]')
    await guest.waitForURL('**/invite/*')
    await guest.click('.invite__accept')
    await guest.waitForURL(`**/i/${DEMO_INITIATIVE}`)
    await guest.waitForSelector('.role-badge[data-role="partner"]')
    await waitConnected(guest)
    expect(await guest.$('.readonly-badge')).toBeNull()

    // The backbone sees the invitation used and the new member; demotes them to participant.
    await backbone.reload()
    await backbone.waitForSelector('.invitations-table tr[data-status="accepted"]')
    const row = '.members-table tr[data-member="tamar@example.org"]'
    await backbone.waitForSelector(row)
    await backbone.click(`${row} [data-action="change-role"]`)
    await backbone.selectOption(`${row} select`, 'participant')
    await backbone.click(`${row} button[type="submit"]`)
    await backbone.waitForSelector(`${row} [data-role="participant"]`)

    // Within seconds the new member's open agenda is read-only, without a reload.
    await guest.waitForSelector('.readonly-badge', { timeout: 10_000 })
    await guest.waitForFunction(() => document.querySelector('.editor__content')?.getAttribute('contenteditable') === 'false')
    await waitConnected(guest)
    // …and the initiative's header follows the new role.
    await guest.waitForSelector('.role-badge[data-role="participant"]')

    // Removed from the initiative while reading a partner page: the page says access is gone.
    await guest.goto(`${harness.url}/i/${DEMO_INITIATIVE}/partners/university`)
    await waitConnected(guest)
    await backbone.click(`${row} [data-action="confirm-start"]`)
    await backbone.click(`${row} [data-action="confirm"]`)
    await backbone.waitForSelector(row, { state: 'detached' })
    await guest.waitForSelector('text=Your access was removed', { timeout: 10_000 })
    expect(await guest.$('.editor__content')).toBeNull()
  })

  it('sign-out ends access and deletes the local copies of the documents', async () => {
    const page = await signInThroughUi(DEMO.participant.email)
    await openInitiative(page)
    await waitConnected(page)
    const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('cg-doc:')))
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name?.startsWith('cg-doc:')))
    expect(await databases()).toEqual([expect.stringContaining(DEMO_AGENDA)])

    // A second tab of the same browser reads a partner page.
    const other = await page.context().newPage()
    await other.goto(`${harness.url}/i/${DEMO_INITIATIVE}/partners/university`)
    await waitConnected(other)

    await page.click('.identity__button')
    await page.click('.identity__signout')
    await page.waitForURL('**/signin')
    // The server closed the other tab's connection (4401): it goes to sign in, and back after.
    await other.waitForURL('**/signin?next=*', { timeout: 10_000 })
    expect(decodeURIComponent(new URL(other.url()).search)).toBe(`?next=/i/${DEMO_INITIATIVE}/partners/university`)
    await page.waitForSelector('input[name="email"]')
    await page.waitForFunction(async () => !(await indexedDB.databases()).some((d) => d.name?.startsWith('cg-doc:')))
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cg.confirmed:') || k.startsWith('cg.unload:')))).toEqual([])

    // The initiative now asks to sign in; the API refuses.
    await page.goto(`${harness.url}/i/${DEMO_INITIATIVE}`)
    await page.waitForURL('**/signin?next=*')
    const status = await page.evaluate(async () => (await fetch('/api/initiatives')).status)
    expect(status).toBe(401)
  })

  it('a tab still connected after a sign-out elsewhere writes nothing back to this browser', async () => {
    const page = await signInThroughUi(DEMO.backbone.email)
    await openInitiative(page)
    await waitConnected(page)
    const other = await page.context().newPage()
    await other.goto(`${harness.url}/i/${DEMO_INITIATIVE}`)
    await waitConnected(other)
    const kept = () => page.evaluate(() => Object.keys(localStorage).filter((k) => ['cg.confirmed:', 'cg.access:', 'cg.unload:'].some((p) => k.startsWith(p))))
    await focusEditorEnd(page)
    await page.keyboard.type(' Before.')
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('cg.confirmed:')))

    // What a sign-out in a third tab does to this browser's storage, in the moment before the
    // server has closed these two tabs' connections: an edit still arrives and is confirmed.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key.startsWith('cg.')) localStorage.removeItem(key)
    })
    await focusEditorEnd(page)
    await page.keyboard.type(' After.')
    await waitForEditorText(other, 'After.')
    await page.waitForSelector('.save-status[data-state="saved"]')
    await page.waitForTimeout(1_500) // both tabs' confirmation timers (500 ms) have run
    expect(await kept()).toEqual([])
    // Nor do they leave their last seconds of edits behind when they close.
    for (const tab of [page, other]) await tab.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')))
    expect(await kept()).toEqual([])
  })
})

describe('Hebrew', () => {
  it('the initiative screens are right-to-left', async () => {
    const page = await signInThroughUi(DEMO.backbone.email, 'he')
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await page.textContent('h1')).toBe('היוזמות שלך')
    await openInitiative(page)
    const x = (selector: string) => page.$eval(selector, (el) => el.getBoundingClientRect().left)
    // Tabs run right to left: the first section is right of the second.
    expect(await x('.tab-nav__link[data-section="home"]')).toBeGreaterThan(await x('.tab-nav__link[data-section="partners"]'))
    await openSection(page, 'partners')
    await page.waitForSelector('.coverage__sector')
    expect(await page.textContent('.coverage .card__title')).toBe('כיסוי מגזרים')
    expect(await page.$eval('.coverage__grid', (el) => getComputedStyle(el).direction)).toBe('rtl')
    await openSection(page, 'members')
    await page.waitForSelector('.members-table')
    expect(await page.textContent('.members-table th')).toBe('שם')
  })
})
