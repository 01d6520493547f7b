// The common agenda to the community report card, end to end in Chromium, in English and in Hebrew:
// a partner executive adds an indicator block to the live agenda and reports a value for it in the
// measurement sheet; backbone staff approve it; the members' report card and the public one (no
// sign-in) show it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { IndicatorListAnswer } from '@common-ground/domain'
import { apiAs, BrowserHarness, DEMO, DEMO_INITIATIVE, waitConnected } from './browserHarness.ts'

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

const I = `/i/${DEMO_INITIATIVE}`
const GOAL = 'g-career0001'

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The text of a card's latest value, without the bidi marks Intl may add. */
const latestOf = (page: Page, indicatorId: string) =>
  page.$eval(`.rc-card[data-indicator="${indicatorId}"] .rc-latest`, (el) => (el.textContent ?? '').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''))

const CASES = [
  { language: 'en' as const, name: 'Graduates in apprenticeships', period: '2025', value: '140', shown: '140' },
  { language: 'he' as const, name: 'בוגרים בהתמחות מקצועית', period: '2024', value: '1250', shown: '1,250' },
]

describe.each(CASES)('from the agenda to the report card ($language)', ({ language, name, period, value, shown }) => {
  it('a partner adds an indicator and reports a value; backbone staff approve it; both report cards show it', async () => {
    // 1. The partner executive adds an indicator block under a goal of the live agenda.
    const partner = await harness.open({ name: DEMO.partner.name, color: '#0e7490', email: DEMO.partner.email, language }, I)
    await waitConnected(partner.page)
    await partner.page.waitForSelector('.agenda-block[data-kind="indicator"]')
    await partner.page.click('.editor__content > p:last-of-type')
    await partner.page.keyboard.press('End')
    await partner.page.click('[data-command="insert"]')
    await partner.page.click(`[data-insert="indicator:${GOAL}"]`)
    const id = await partner.page
      .waitForFunction(() => document.activeElement?.closest<HTMLElement>('[data-block-id]')?.dataset.blockId)
      .then((handle) => handle.jsonValue() as Promise<string>)
    await partner.page.keyboard.type(name)
    await until(
      async () =>
        (await apiAs<IndicatorListAnswer>(partner.context, harness.url, 'GET', `/api/initiatives/${DEMO_INITIATIVE}/indicators`)).indicators.find(
          (i) => i.id === id,
        ),
      (found) => found?.name === name && found.issues.length === 0,
      'the server derives the new indicator',
    )

    // 2. They report a value for their organisation in the measurement sheet and submit it.
    await partner.page.goto(`${harness.url}${I}/measurement`)
    const cell = `.sheet-grid__line[data-indicator="${id}"][data-partner="${DEMO.partner.partnerId}"] [role="gridcell"][data-period="${period}"]`
    await partner.page.waitForSelector(cell)
    await partner.page.click(cell)
    await partner.page.keyboard.type(value)
    await partner.page.keyboard.press('Enter')
    await partner.page.waitForSelector(`${cell}[data-workflow="draft"]`)
    await partner.page.click(cell)
    await partner.page.click('[data-action="submit-selected"]')
    await partner.page.waitForSelector(`${cell}[data-workflow="submitted"]`)

    // 3. Backbone staff approve it from the queue.
    const backbone = await harness.open({ name: DEMO.backbone.name, color: '#3538cd', email: DEMO.backbone.email, language }, `${I}/measurement`)
    await backbone.page.click('[data-view="approvals"]')
    const row = `.approval-queue tr[data-indicator="${id}"][data-period="${period}"]`
    await backbone.page.waitForSelector(row)
    expect(await backbone.page.textContent(row)).toContain(name)
    await backbone.page.click(`${row} [data-action="approve"]`)
    await backbone.page.waitForSelector(row, { state: 'detached' })

    // 4. The members' report card shows it under its goal…
    await backbone.page.goto(`${harness.url}${I}/report`)
    const card = `.rc-goal[data-goal="${GOAL}"] .rc-card[data-indicator="${id}"]`
    await backbone.page.waitForSelector(card)
    expect(await backbone.page.textContent(`${card} .rc-card__name`)).toContain(name)
    expect(await latestOf(backbone.page, id)).toContain(shown)
    expect(await backbone.page.evaluate(() => document.documentElement.dir)).toBe(language === 'he' ? 'rtl' : 'ltr')

    // 5. …and so does the public one, to anyone, without signing in.
    const visitor = await harness.open({ name: 'Visitor', color: '#b54708', language }, `/p/${DEMO_INITIATIVE}/report`)
    await visitor.page.waitForSelector(`.rc-card[data-indicator="${id}"]`)
    expect(await latestOf(visitor.page, id)).toContain(shown)
  })
})
