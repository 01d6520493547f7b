// Backbone staff at work in the browser: partners (add, edit, delete; sector coverage follows),
// settings and publishing (the public page follows), invitations and tokens revoked, the audit
// log filtered by person, and API errors shown in words.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { apiAs, BrowserHarness, DEMO, DEMO_INITIATIVE, signUpContext, waitConnected, type OpenedPage } from './browserHarness.ts'

let harness: BrowserHarness
let backbone: OpenedPage
const I = `/i/${DEMO_INITIATIVE}`

beforeAll(async () => {
  harness = await BrowserHarness.start({ seedDemo: true })
  backbone = await harness.open({ name: 'Noa', color: '#0e7090', language: 'en', email: DEMO.backbone.email }, `${I}/partners`)
})

afterEach(() => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

const missingSectors = (page: Page) => page.$$eval('.coverage__sector[data-state="missing"]', (els) => els.map((el) => el.getAttribute('data-sector')))

describe('backbone staff', () => {
  it('add, edit and delete a partner; the sector coverage follows', async () => {
    const { page } = backbone
    await page.waitForSelector('.coverage__sector')
    // "Other" is not a sector a coalition lacks: never missing, shown only with a partner.
    expect(await missingSectors(page)).toEqual([])
    expect(await page.locator('.coverage__sector[data-sector="other"]').count()).toBe(0)
    expect(await page.textContent('.coverage__summary')).toBe('8 of 8 sectors at the table.')

    const add = 'form[aria-label="Add a partner"]'
    await page.fill(`${add} input >> nth=0`, 'Negev Tech Cooperative')
    await page.selectOption(`${add} select`, 'other')
    await page.fill(`${add} input[type="url"]`, 'not a url')
    await page.click(`${add} button[type="submit"]`)
    await page.waitForSelector(`${add} .field__error`)
    await page.fill(`${add} input[type="url"]`, 'https://coop.example.org')
    await page.click(`${add} button[type="submit"]`)
    await page.waitForSelector('text=Negev Tech Cooperative was added.')
    await page.waitForSelector('.coverage__sector[data-sector="other"][data-state="present"]')
    expect(await missingSectors(page)).toEqual([])
    expect(await page.textContent('.coverage__summary')).toBe('8 of 8 sectors at the table.')

    const id = await page.getAttribute('.partner-list__item:has(.partner-row__name:text-is("Negev Tech Cooperative"))', 'data-partner')
    const item = `.partner-list__item[data-partner="${id}"]`
    await page.click(`${item} [data-action="edit-partner"]`)
    await page.fill(`${item} form input >> nth=0`, 'Negev Tech Co-op')
    await page.click(`${item} form button[type="submit"]`)
    const renamed = '.partner-list__item:has(.partner-row__name:text-is("Negev Tech Co-op"))'
    await page.waitForSelector(renamed)

    // A partner with an executive cannot be deleted: the reason is shown in words.
    await page.click('.partner-list__item[data-partner="municipality"] [data-action="confirm-start"]')
    await page.click('.partner-list__item[data-partner="municipality"] [data-action="confirm"]')
    await page.waitForSelector('.notice--error:has-text("still has executives")')

    await page.click(`${renamed} [data-action="confirm-start"]`)
    await page.click(`${renamed} [data-action="confirm"]`)
    await page.waitForSelector(renamed, { state: 'detached' })
    await page.waitForSelector('.coverage__sector[data-sector="other"]', { state: 'detached' })
    expect(await missingSectors(page)).toEqual([])
  })

  it('settings: rename the initiative; unpublish and publish the agenda, and the public page follows', async () => {
    const { page } = backbone
    await page.goto(`${harness.url}${I}/settings`)
    await page.waitForSelector('.publication-status[data-state="published"]')
    const details = 'form[aria-label="Initiative details"]'
    await page.fill(`${details} textarea`, 'Every child supported from birth to a first career.')
    await page.click(`${details} button[type="submit"]`)
    await page.waitForSelector('.notice--success:text-is("Saved.")')

    const { page: visitor } = await harness.open({ name: 'Visitor', color: '#b54708', language: 'en' }, `/p/${DEMO_INITIATIVE}`)
    await visitor.waitForSelector('.readonly-badge')
    await waitConnected(visitor)
    expect(await visitor.textContent('.page-subtitle')).toBe('Every child supported from birth to a first career.')
    expect(await visitor.$('[role="toolbar"]')).toBeNull()

    await page.click('.publication-toggle')
    await page.waitForSelector('.publication-status[data-state="private"]')
    await visitor.reload()
    // The report card is still published: the page links to it, and shows no agenda.
    await visitor.waitForSelector('.public-report-card-link')
    expect(await visitor.$('.readonly-badge')).toBeNull()

    await page.click('.publication-toggle')
    await page.waitForSelector('.publication-status[data-state="published"]')
    await visitor.reload()
    await visitor.waitForSelector('.readonly-badge')
  })

  it('revokes an invitation and a token; filters the audit log by person', async () => {
    const { page } = backbone
    await page.goto(`${harness.url}${I}/members`)
    const invite = 'form[aria-label="Invite someone"]'
    await page.waitForSelector(invite)
    await page.click(`${invite} button[type="submit"]`)
    await page.waitForSelector('.copy-field__input')
    const link = await page.inputValue('.copy-field__input')
    const pending = '.invitations-table tr[data-status="pending"]'
    await page.waitForSelector(pending)
    await page.click(`${pending} [data-action="confirm-start"]`)
    await page.click(`${pending} [data-action="confirm"]`)
    await page.waitForSelector('.invitations-table tr[data-status="revoked"]')
    // The revoked link says so.
    const { page: guest } = await harness.open({ name: 'Guest', color: '#b54708', language: 'en' }, new URL(link).pathname)
    await guest.waitForSelector('text=This invitation was revoked.')
    expect(await guest.$('.invite__accept')).toBeNull()

    await page.goto(`${harness.url}/account/tokens`)
    await page.waitForSelector('form[aria-label="Create a token"]')
    await page.fill('form[aria-label="Create a token"] input >> nth=0', 'nightly export')
    await page.click('form[aria-label="Create a token"] button[type="submit"]')
    const secret = await (await page.waitForSelector('.token-secret .copy-field__input')).inputValue()
    expect(secret).toMatch(/^cgp_/)
    const row = '.tokens-table tbody tr'
    await page.waitForSelector(row)
    const status = (s: string) =>
      page.evaluate(async (token) => (await fetch('/api/me', { headers: { authorization: `Bearer ${token}` }, credentials: 'omit' })).status, s)
    expect(await status(secret)).toBe(200)
    await page.click(`${row} [data-action="confirm-start"]`)
    await page.click(`${row} [data-action="confirm"]`)
    await page.waitForSelector('.tokens-table, .state--empty')
    await page.waitForFunction(() => document.querySelectorAll('.tokens-table tbody tr').length === 0)
    expect(await status(secret)).toBe(401)

    await page.goto(`${harness.url}${I}/audit`)
    await page.waitForSelector('.audit-table')
    // Person is the filter's second select; the option is the member's name.
    const selects = await page.$$('.audit-filter select')
    await selects[1].selectOption({ label: DEMO.partner.name })
    await page.click('.audit-filter button[type="submit"]')
    await page.waitForFunction((email) => {
      const rows = Array.from(document.querySelectorAll('.audit-table tbody tr'))
      return rows.length > 0 && rows.every((r) => r.textContent?.includes(email))
    }, DEMO.partner.email)
  })

  it('an existing account signs in from an invitation link and accepts it', async () => {
    const account = { email: 'ruth@example.org', name: 'Ruth Gold', password: 'ruth-password' }
    const scratch = await harness.browser.newContext()
    await signUpContext(scratch, harness.url, account)
    await scratch.close()
    const { path } = await apiAs<{ path: string }>(backbone.context, harness.url, 'POST', `/api/initiatives/${DEMO_INITIATIVE}/invitations`, {
      role: 'participant',
    })
    const { page } = await harness.open({ name: 'Ruth', color: '#026aa2', language: 'en' }, path)
    await page.waitForSelector('.invite__initiative')
    await page.click('.page--invite a:text-is("Sign in")')
    await page.waitForURL('**/signin?next=*')
    await page.fill('input[name="email"]', account.email)
    await page.fill('input[name="password"]', account.password)
    await page.click('form button[type="submit"]')
    await page.waitForURL('**/invite/*')
    await page.click('.invite__accept')
    await page.waitForURL(`**/i/${DEMO_INITIATIVE}`)
    await page.waitForSelector('.role-badge[data-role="participant"]')
    await page.waitForSelector('.readonly-badge')
  })
})
