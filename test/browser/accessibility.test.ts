// Every screen, in English, Hebrew and Arabic, passes an axe-core scan with no serious or critical
// violation: signed out (sign-in, sign-up, invitation, public page), as backbone staff (every
// initiative section, tokens, documents, the account menu) and as a participant (read-only
// agenda); also the toolbar's keyboard model and the not-found and invalid-name screens.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { apiAs, BrowserHarness, DEMO, DEMO_AGENDA, DEMO_INITIATIVE, seriousAxeViolations, waitConnected, type OpenedPage } from './browserHarness.ts'

let harness: BrowserHarness
let backbone: OpenedPage
let participant: OpenedPage
let guest: OpenedPage
let invitePath = ''

const I = `/i/${DEMO_INITIATIVE}`

beforeAll(async () => {
  harness = await BrowserHarness.start({ seedDemo: true })
  backbone = await harness.open({ name: 'Noa', color: '#0e7090', language: 'en', email: DEMO.backbone.email })
  participant = await harness.open({ name: 'Miriam', color: '#6941c6', language: 'en', email: DEMO.participant.email })
  guest = await harness.open({ name: 'Guest', color: '#b54708', language: 'en' })
  const invitation = await apiAs<{ path: string }>(backbone.context, harness.url, 'POST', `/api/initiatives/${DEMO_INITIATIVE}/invitations`, {
    role: 'partner',
    partnerId: 'university',
  })
  invitePath = invitation.path
})

afterEach(() => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

async function scan(page: Page, path: string, ready: string, what = path): Promise<string[]> {
  await page.goto(harness.url + path)
  await page.waitForSelector(ready)
  if (await page.$('.editor__content')) await waitConnected(page)
  return (await seriousAxeViolations(page)).map((v) => `${what}: ${v}`)
}

async function setLanguage(page: Page, language: 'en' | 'he' | 'ar'): Promise<void> {
  await page.click(`button[lang="${language}"]`)
  await page.waitForFunction((dir) => document.documentElement.dir === dir, language === 'en' ? 'ltr' : 'rtl')
}

const BACKBONE_SCREENS: [string, string][] = [
  ['/', '.initiative-list__link'],
  [I, '.editor__content'],
  [`${I}/partners`, '.coverage__sector'],
  [`${I}/partners/municipality`, '.editor__content'],
  [`${I}/members`, '.invitations-table'],
  [`${I}/audit`, '.audit-table'],
  [`${I}/settings`, '.publication-status'],
  ['/account/tokens', '.tokens-table, .state--empty'],
  [`/d/${DEMO_AGENDA}`, '.editor__content'],
]

describe.each(['en', 'he', 'ar'] as const)('screens in %s', (language) => {
  it('signed out: sign-in, sign-up, invitation and public page', async () => {
    const { page } = guest
    await page.goto(harness.url + '/signin')
    await setLanguage(page, language)
    const violations = [
      ...(await scan(page, '/signin', 'input[name="email"]')),
      ...(await scan(page, '/signup', 'input[name="new-password"]')),
      ...(await scan(page, invitePath, '.invite__initiative', '/invite/<token>')),
      ...(await scan(page, `/p/${DEMO_INITIATIVE}`, '.editor__content')),
    ]
    // A failed sign-in shows its error accessibly too.
    await page.goto(harness.url + '/signin')
    await page.fill('input[name="email"]', DEMO.backbone.email)
    await page.fill('input[name="password"]', 'wrong-password')
    await page.click('form button[type="submit"]')
    await page.waitForSelector('.notice--error')
    violations.push(...(await seriousAxeViolations(page)).map((v) => `/signin (error): ${v}`))
    expect(violations).toEqual([])
  })

  it('backbone staff: every initiative section, tokens, documents and the account menu', async () => {
    const { page } = backbone
    await page.goto(harness.url + '/')
    await setLanguage(page, language)
    const violations: string[] = []
    for (const [path, ready] of BACKBONE_SCREENS) violations.push(...(await scan(page, path, ready)))

    // States with more on screen: a created invitation link, a token secret, the account menu.
    await page.goto(`${harness.url}${I}/members`)
    await page.waitForSelector('.invitations-table')
    await page.click('form.stack button[type="submit"] >> nth=-1')
    await page.waitForSelector('.copy-field__input')
    violations.push(...(await seriousAxeViolations(page)).map((v) => `members (link): ${v}`))
    await page.goto(`${harness.url}/account/tokens`)
    await page.waitForSelector('.tokens-table, .state--empty')
    await page.fill('form input >> nth=0', `script ${language}`)
    await page.click('form button[type="submit"]')
    await page.waitForSelector('.token-secret .copy-field__input')
    await page.waitForSelector('.tokens-table')
    violations.push(...(await seriousAxeViolations(page)).map((v) => `tokens (secret): ${v}`))
    // Inline forms and confirmations: a partner being edited, a role being changed, a removal asked.
    await page.goto(`${harness.url}${I}/partners`)
    await page.click('.partner-list__item[data-partner="university"] [data-action="edit-partner"]')
    await page.waitForSelector('.partner-list__item[data-partner="university"] form')
    await page.click('.partner-list__item[data-partner="medical-center"] [data-action="confirm-start"]')
    await page.waitForSelector('[data-action="confirm"]')
    violations.push(...(await seriousAxeViolations(page)).map((v) => `partners (editing): ${v}`))
    await page.goto(`${harness.url}${I}/members`)
    await page.click(`.members-table tr[data-member="${DEMO.partner.email}"] [data-action="change-role"]`)
    await page.waitForSelector('.members-table form')
    violations.push(...(await seriousAxeViolations(page)).map((v) => `members (editing): ${v}`))
    violations.push(...(await scan(page, '/i/no-such-initiative', '.state--error')))
    await page.click('.identity__button')
    await page.waitForSelector('.identity__panel')
    violations.push(...(await seriousAxeViolations(page)).map((v) => `account menu: ${v}`))
    await page.keyboard.press('Escape')
    expect(violations).toEqual([])
  })

  it('participant: the read-only agenda, members, a section the role may not open', async () => {
    const { page } = participant
    await page.goto(harness.url + '/')
    await setLanguage(page, language)
    const violations = await scan(page, I, '.readonly-badge')
    violations.push(...(await scan(page, `${I}/audit`, '.state--error')))
    violations.push(...(await scan(page, `${I}/members`, '.members-table')))
    expect(violations).toEqual([])
  })
})

describe('keyboard and error screens', () => {
  it('the toolbar is one tab stop with arrow keys and aria-pressed', async () => {
    const { page } = backbone
    await page.goto(harness.url + I)
    await setLanguage(page, 'en')
    await waitConnected(page)
    await page.click('.editor__content [data-level="1"]')
    expect(await page.getAttribute('[data-command="h1"]', 'aria-pressed')).toBe('true')
    expect(await page.getAttribute('[data-command="bold"]', 'aria-pressed')).toBe('false')
    await page.focus('[role="toolbar"] button[tabindex="0"]')
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-command'))
    expect(await focused()).toBe('undo')
    await page.keyboard.press('ArrowRight')
    expect(await focused()).toBe('redo')
    // The agenda's toolbar ends with the Insert menu (structured blocks), just after the block quote.
    await page.keyboard.press('End')
    expect(await focused()).toBe('insert')
    await page.keyboard.press('ArrowLeft')
    expect(await focused()).toBe('quote')
    expect(await page.$$eval('[role="toolbar"] button[tabindex="0"]', (b) => b.length)).toBe(1)
  })

  it('not-found and invalid-name screens: no serious axe violations', async () => {
    const { page } = backbone
    await setLanguage(page, 'he')
    await page.goto(`${harness.url}/nowhere`)
    await page.waitForSelector('text=הדף לא נמצא')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.goto(`${harness.url}/d/..%2Fx`)
    await page.waitForSelector('[role="alert"]')
    expect(await seriousAxeViolations(page)).toEqual([])
  })
})
