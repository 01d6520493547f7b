// Every screen, in English and Hebrew, passes an axe-core scan with no serious or critical
// violation; also the home screen's list and its name validation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BrowserHarness, seriousAxeViolations, waitConnected, type OpenedPage } from './browserHarness.ts'

let harness: BrowserHarness
let visitor: OpenedPage

beforeAll(async () => {
  harness = await BrowserHarness.start({ seedDemo: true })
  visitor = await harness.open({ name: 'Avi Mizrahi', color: '#0e7090', language: 'en' })
})

afterEach(() => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

describe('home and document screens', () => {
  it('home (English): lists the documents, validates names, no serious axe violations', async () => {
    const { page } = visitor
    await page.waitForSelector('.doc-list__link')
    const names = await page.$$eval('.doc-list__link', (links) => links.map((l) => l.textContent))
    expect(names).toContain('demo/agenda')
    expect(await seriousAxeViolations(page)).toEqual([])

    await page.fill('input[aria-describedby]', '../secrets')
    await page.click('button[type="submit"]')
    await page.waitForSelector('.field__error')
    expect(await page.getAttribute('input[aria-describedby]', 'aria-invalid')).toBe('true')
    expect(await page.textContent('.field__error')).toMatch(/must start with a letter or digit/)
    expect(new URL(page.url()).pathname).toBe('/')
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('document (English): no serious axe violations', async () => {
    const { page } = visitor
    await page.click('a.doc-list__link:text-is("demo/agenda")')
    await page.waitForURL('**/d/demo/agenda')
    await waitConnected(page)
    // The toolbar works from the keyboard: one tab stop, arrows move, aria-pressed toggles.
    await page.click('.editor__content h1')
    expect(await page.getAttribute('[data-command="h1"]', 'aria-pressed')).toBe('true')
    expect(await page.getAttribute('[data-command="bold"]', 'aria-pressed')).toBe('false')
    await page.focus('[role="toolbar"] button[tabindex="0"]')
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-command'))
    expect(await focused()).toBe('undo')
    await page.keyboard.press('ArrowRight')
    expect(await focused()).toBe('redo')
    await page.keyboard.press('End')
    expect(await focused()).toBe('quote')
    expect(await page.$$eval('[role="toolbar"] button[tabindex="0"]', (b) => b.length)).toBe(1)
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('home and document (Hebrew): no serious axe violations', async () => {
    const { page } = visitor
    await page.click('button:has-text("עברית")')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.click('.breadcrumb a')
    await page.waitForSelector('.doc-list__link')
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('not-found and invalid-name screens: no serious axe violations', async () => {
    const { page } = visitor
    await page.goto(`${harness.url}/nowhere`)
    await page.waitForSelector('text=הדף לא נמצא')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.goto(`${harness.url}/d/..%2Fx`)
    await page.waitForSelector('[role="alert"]')
    expect(await seriousAxeViolations(page)).toEqual([])
  })
})
