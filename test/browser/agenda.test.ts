// The common agenda's structured blocks in Chromium: the demo blocks as forms with their
// validation messages and glossary highlights; an indicator inserted through the Insert menu,
// filled with an invalid target (the message on the block), fixed, seen live by a second person
// and derived by the server (GET /indicators) — in English and in Hebrew (rtl); read-only forms
// for a participant; a partner's endorsement, then "changed since your endorsement" after an edit.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { apiAs, BrowserHarness, DEMO, DEMO_INITIATIVE, waitConnected, type OpenedPage } from './browserHarness.ts'
import type { IndicatorListAnswer } from '@common-ground/domain'

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

async function openHome(email: string, name: string, language: 'en' | 'he'): Promise<OpenedPage> {
  const opened = await harness.open({ name, color: '#3538cd', language, email }, `/i/${DEMO_INITIATIVE}`)
  await waitConnected(opened.page)
  await opened.page.waitForSelector('.agenda-block[data-kind="indicator"]')
  return opened
}

/** Puts the caret at the end of the agenda's last paragraph (not inside a block's form). */
async function caretAtEnd(page: Page): Promise<void> {
  await page.click('.editor__content > p:last-of-type')
  await page.keyboard.press('End')
}

const block = (id: string) => `.agenda-block[data-block-id="${id}"]`
const issueTexts = (page: Page, id: string) => page.$$eval(`${block(id)} .agenda-block__issues li`, (items) => items.map((li) => li.textContent ?? ''))

async function eventuallyAsync<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the demo agenda', () => {
  it('shows every block as a form, the invalid demo indicator with its message, and highlighted glossary terms', async () => {
    const { page } = await openHome(DEMO.backbone.email, DEMO.backbone.name, 'en')
    expect(await page.$$eval('.agenda-block[data-kind="goal"]', (els) => els.length)).toBe(4)
    expect(await page.$$eval('.agenda-block[data-kind="indicator"]', (els) => els.length)).toBe(9)
    expect(await page.inputValue(`${block('i-readiness01')} [data-field="name"]`)).toBe('Kindergarten readiness · מוכנות לגן חובה')
    // The owner <select> lists the partners (names from the API).
    await page.waitForSelector(`${block('i-readiness01')} select[data-field="ownerPartnerId"] option[value="municipality"]`, { state: 'attached' })
    expect(await issueTexts(page, 'i-readiness01')).toEqual([])
    expect(await issueTexts(page, 'i-parents0001')).toContain('Target 1 value: not a number')
    // Glossary terms are marked in the text, with their definition as title.
    const refs = await page.$$eval('.glossary-ref', (els) => els.map((el) => ({ text: el.textContent, title: el.getAttribute('title') })))
    expect(refs.some((r) => r.text === 'shared measurement' && r.title?.startsWith('Every partner measures'))).toBe(true)
    expect(refs.some((r) => r.text === 'מדד')).toBe(true)
  })

  it('shows the forms disabled to a participant, with no Insert menu', async () => {
    const { page } = await openHome(DEMO.participant.email, DEMO.participant.name, 'en')
    expect(await page.$('[data-command="insert"]')).toBeNull()
    expect(await page.isDisabled(`${block('i-readiness01')} [data-field="name"]`)).toBe(true)
    expect(await page.$(`${block('i-readiness01')} [data-action="remove-block"]`)).toBeNull()
  })
})

const CASES = [
  { language: 'en' as const, dir: 'ltr', name: 'Young adults in first jobs', notANumber: 'Target 1 value: not a number' },
  { language: 'he' as const, dir: 'rtl', name: 'צעירים בעבודה ראשונה', notANumber: 'ערך יעד 1: אינו מספר' },
]

describe.each(CASES)('inserting an indicator ($language)', ({ language, dir, name, notANumber }) => {
  it('is validated on the block, seen live by another person and derived by the server', async () => {
    const editor = await openHome(DEMO.partner.email, DEMO.partner.name, language)
    const other = await openHome(DEMO.backbone.email, DEMO.backbone.name, language)
    const page = editor.page
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(dir)

    await caretAtEnd(page)
    await page.click('[data-command="insert"]')
    await page.waitForSelector('[role="menu"] [data-insert="indicator:g-career0001"]')
    await page.click('[data-insert="indicator:g-career0001"]')
    // The new block's first field has the focus; typing goes into it, not into the document.
    const id = await page.waitForFunction(() => document.activeElement?.closest<HTMLElement>('[data-block-id]')?.dataset.blockId).then((h) => h.jsonValue())
    expect(id).toMatch(/^i-[a-z0-9]{10}$/)
    await page.keyboard.type(name)
    expect(await page.inputValue(`${block(id!)} [data-field="name"]`)).toBe(name)
    expect(await page.$eval(block(id!), (el) => getComputedStyle(el).direction)).toBe(dir)

    await page.click(`${block(id!)} [data-action="add-target"]`)
    await page.fill(`${block(id!)} [data-field="targets.0.period"]`, '2028')
    await page.fill(`${block(id!)} [data-field="targets.0.value"]`, 'lots')
    await page.waitForSelector(`${block(id!)} .agenda-block__issues li[data-field="targets.0.value"][data-code="not_a_number"]`)
    expect(await issueTexts(page, id!)).toEqual([notANumber])
    expect(await page.getAttribute(`${block(id!)} [data-field="targets.0.value"]`, 'aria-invalid')).toBe('true')

    await page.fill(`${block(id!)} [data-field="targets.0.value"]`, '75')
    await page.waitForSelector(`${block(id!)} .agenda-block__issues`, { state: 'detached' })

    // The other person sees the edit live.
    await other.page.waitForFunction(({ selector, expected }) => (document.querySelector<HTMLInputElement>(selector)?.value ?? '') === expected, {
      selector: `${block(id!)} [data-field="targets.0.value"]`,
      expected: '75',
    })
    expect(await other.page.inputValue(`${block(id!)} [data-field="name"]`)).toBe(name)

    // The server derived the record from the document.
    const record = await eventuallyAsync(
      async () =>
        (await apiAs<IndicatorListAnswer>(editor.context, harness.url, 'GET', `/api/initiatives/${DEMO_INITIATIVE}/indicators`)).indicators.find(
          (i) => i.id === id,
        ),
      (found) => found?.targets[0]?.value === 75,
      'the server derives the new indicator',
    )
    expect(record).toMatchObject({ name, goalId: 'g-career0001', targets: [{ period: '2028', value: 75 }], issues: [] })
  })
})

describe('endorsements', () => {
  it('a partner executive endorses the current version; after an edit the panel says it changed since', async () => {
    const { page } = await openHome(DEMO.partner.email, DEMO.partner.name, 'en')
    await page.waitForSelector('.endorsements__own')
    // Endorse until the endorsement is of the current version (an edit elsewhere may move it: 409, try again).
    await eventuallyAsync(
      async () => {
        const state = await page.getAttribute('.endorsements__own', 'data-state')
        if (state !== 'current' && (await page.isEnabled('[data-action="endorse-agenda"]').catch(() => false)))
          await page.click('[data-action="endorse-agenda"]')
        return state
      },
      (state) => state === 'current',
      'the endorsement is current',
      20_000,
    )
    expect(await page.textContent('.endorsements__own')).toContain('Municipality')
    expect(await page.getAttribute('.endorsements__item[data-partner="municipality"]', 'data-current')).toBe('true')

    await page.fill(`${block('g-ready000001')} [data-field="population"]`, 'Children aged 0–6 in Be’er Sheva and Rahat')
    await page.waitForSelector('.endorsements__own[data-state="changed"]', { timeout: 15_000 })
    expect(await page.textContent('.endorsements__own')).toContain('The agenda changed since your endorsement')
    expect(await page.getAttribute('.endorsements__item[data-partner="municipality"]', 'data-current')).toBe('false')
    expect(await page.isVisible('[data-action="endorse-agenda"]')).toBe(true)
  })
})
