// Languages and direction: English/Hebrew switch, <html lang dir>, mirrored header, RTL editor,
// per-paragraph direction for mixed content, and the default taken from the browser.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BrowserHarness, focusEditorEnd, signUpContext, waitConnected, waitForEditorText } from './browserHarness.ts'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await BrowserHarness.start({ seedDemo: false })
})

afterEach(() => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

const htmlAttrs = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))

const centreX = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const rect = el.getBoundingClientRect()
    return rect.left + rect.width / 2
  })

const direction = (page: Page, selector: string) => page.$eval(selector, (el) => getComputedStyle(el).direction)

describe('languages', () => {
  it('shows the empty state, then switches to Hebrew: rtl document, mirrored header, rtl editor', async () => {
    const dana = { name: 'Dana', color: '#027a48', language: 'en' as const, email: 'dana@example.org', password: 'dana-password' }
    const context = await harness.browser.newContext()
    await signUpContext(context, harness.url, dana)
    await context.close()
    const { page } = await harness.open(dana)
    await page.waitForSelector("text=You're not in an initiative yet")
    expect(await htmlAttrs(page)).toEqual({ lang: 'en', dir: 'ltr' })
    expect(await centreX(page, '.brand')).toBeLessThan(await centreX(page, '.identity__button'))

    await page.click('button:has-text("עברית")')
    expect(await htmlAttrs(page)).toEqual({ lang: 'he', dir: 'rtl' })
    expect(await page.textContent('h1')).toBe('היוזמות שלך')
    expect(await page.getAttribute('button[lang="he"]', 'aria-pressed')).toBe('true')
    // The header is mirrored: the brand is on the right, the person on the left.
    expect(await centreX(page, '.brand')).toBeGreaterThan(await centreX(page, '.identity__button'))
    expect(await page.textContent('.identity__caption')).toBe('מחובר/ת')

    // Create an initiative through the (Hebrew) form; its agenda opens.
    await page.fill('form[aria-label="יצירת יוזמה"] input >> nth=0', 'קואליציה')
    // A blank agenda (the common-agenda template is checked by default: template.test.ts).
    await page.uncheck('form[aria-label="יצירת יוזמה"] input[name="agendaTemplate"]')
    await page.click('form[aria-label="יצירת יוזמה"] button[type="submit"]')
    await page.waitForURL('**/i/*')
    await waitConnected(page)
    expect(await direction(page, '.editor__content')).toBe('rtl')
    expect(await direction(page, '.toolbar')).toBe('rtl')
    expect(await page.textContent('.save-status')).toBe('כל השינויים נשמרו')

    // Mixed content: each paragraph takes the direction of its own text.
    await focusEditorEnd(page)
    await page.keyboard.type('שלום לכולם')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Hello everyone')
    await waitForEditorText(page, 'Hello everyone')
    const paragraphDirections = () => page.$$eval('.editor__content p', (ps) => ps.map((p) => [p.textContent, getComputedStyle(p).direction]))
    expect(await paragraphDirections()).toEqual([
      ['שלום לכולם', 'rtl'],
      ['Hello everyone', 'ltr'],
    ])

    // The choice is kept across a reload.
    await page.reload()
    await waitConnected(page)
    expect(await htmlAttrs(page)).toEqual({ lang: 'he', dir: 'rtl' })

    // Back to English: the chrome is ltr again, the Hebrew paragraph stays rtl.
    await page.click('button:has-text("English")')
    expect(await htmlAttrs(page)).toEqual({ lang: 'en', dir: 'ltr' })
    expect(await direction(page, '.editor__content')).toBe('ltr')
    expect(await paragraphDirections()).toEqual([
      ['שלום לכולם', 'rtl'],
      ['Hello everyone', 'ltr'],
    ])
  })

  it('defaults to Hebrew when the browser prefers it', async () => {
    const { page } = await harness.open({ name: 'Noa', color: '#6941c6', language: 'he' })
    await page.waitForSelector('h1')
    expect(await htmlAttrs(page)).toEqual({ lang: 'he', dir: 'rtl' })
    expect(await page.textContent('h1')).toBe('התחברות')
  })
})
