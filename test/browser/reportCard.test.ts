// The community report card in Chromium, on the demo initiative (approved values over several
// years): the members' section shows each indicator's card with its latest value, chart and data
// table, filters by status; in Hebrew the page is rtl and the chart's time axis runs right to
// left; the published card opens anonymously at /p/<id>/report, linked from the public page;
// unpublished in Settings, it says so. Both pages pass an axe scan in both languages.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BrowserHarness, DEMO, DEMO_INITIATIVE, seriousAxeViolations, type OpenedPage } from './browserHarness.ts'

let harness: BrowserHarness
let backbone: OpenedPage

const I = `/i/${DEMO_INITIATIVE}`
const READINESS = '.rc-card[data-indicator="i-readiness01"]'

beforeAll(async () => {
  harness = await BrowserHarness.start({ seedDemo: true })
  backbone = await harness.open({ name: 'Noa', color: '#0e7090', language: 'en', email: DEMO.backbone.email }, `${I}/report`)
})

afterEach(() => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

async function setLanguage(page: Page, language: 'en' | 'he'): Promise<void> {
  await page.click(`button[lang="${language}"]`)
  await page.waitForFunction((dir) => document.documentElement.dir === dir, language === 'he' ? 'rtl' : 'ltr')
}

/** The time axis's ticks of a card, oldest period first, by their x centre: left-to-right gives increasing x. */
const tickXs = (page: Page, card: string) =>
  page.$$eval(`${card} .rc-chart .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value`, (ticks) =>
    ticks
      .map((t) => {
        const rect = t.getBoundingClientRect()
        return { year: Number(/(\d{4})\/\d{2}/.exec(t.textContent ?? '')?.[1]), x: rect.left + rect.width / 2 }
      })
      .filter((t) => Number.isFinite(t.year))
      .sort((a, b) => a.year - b.year)
      .map((t) => t.x),
  )

async function axisDirection(page: Page, card: string): Promise<'ltr' | 'rtl'> {
  const xs = await tickXs(page, card)
  expect(xs.length).toBeGreaterThanOrEqual(2)
  return xs[0]! < xs.at(-1)! ? 'ltr' : 'rtl'
}

describe('the report card', () => {
  it('shows each indicator with its latest value, chart and table, and filters by status', async () => {
    const { page } = backbone
    await page.waitForSelector(`${READINESS} .rc-chart svg`)
    expect(await page.textContent('.rc-headline__trend')).toMatch(/^\d+ of \d+ indicators trending in the right direction$/)
    expect(await page.textContent(`${READINESS} .rc-card__name`)).toContain('Kindergarten readiness')
    expect(await page.textContent(`${READINESS} .rc-latest`)).toBe('68%')
    expect(await page.getAttribute(READINESS, 'data-trend')).toBe('better')
    expect(await page.textContent(`${READINESS} .rc-trend`)).toBe('Improving')
    expect(await page.getAttribute(`${READINESS} .rc-chart`, 'data-reversed')).toBe('false')
    // The stale and the missing indicators say so.
    expect(await page.textContent('.rc-card[data-indicator="i-employ00001"] .rc-freshness')).toBe('Data stale')
    expect(await page.textContent('.rc-card[data-indicator="i-funds000001"] .rc-trend')).toBe('No data')

    // The data table: a caption, one row per approved value, oldest first.
    await page.click(`${READINESS} .rc-details summary`)
    expect(await page.textContent(`${READINESS} .rc-details caption`)).toContain('approved values by period')
    const rows = await page.$$eval(`${READINESS} .rc-details tbody tr`, (trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent)))
    expect(rows.length).toBeGreaterThanOrEqual(5)
    expect(rows.at(-1)).toEqual(['2025/26', '68%'])
    // The disaggregated view (by neighbourhood) has a table of the latest values.
    expect(await page.$$eval(`${READINESS} .rc-disaggregation tbody tr`, (trs) => trs.length)).toBe(4)
    // In left-to-right the time axis runs left to right.
    expect(await axisDirection(page, READINESS)).toBe('ltr')

    // Filter: off track only.
    await page.selectOption('.rc-filters select >> nth=1', 'off_track')
    await page.waitForSelector(READINESS, { state: 'detached' })
    const statuses = await page.$$eval('.rc-card', (cards) => cards.map((c) => c.getAttribute('data-status')))
    expect(statuses.length).toBeGreaterThan(0)
    expect(new Set(statuses)).toEqual(new Set(['off_track']))
    await page.selectOption('.rc-filters select >> nth=1', 'all')
    await page.waitForSelector(READINESS)

    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('in Hebrew: rtl, localised labels, and the time axis runs right to left', async () => {
    const { page } = backbone
    await setLanguage(page, 'he')
    await page.waitForSelector(`${READINESS} .rc-chart[data-reversed="true"] svg`)
    expect(await page.textContent(`${READINESS} .rc-trend`)).toBe('משתפר')
    expect(await page.textContent('.rc-headline__trend')).toMatch(/מתוך/)
    expect(await axisDirection(page, READINESS)).toBe('rtl')
    expect(await page.$eval(READINESS, (el) => getComputedStyle(el).direction)).toBe('rtl')
    expect(await seriousAxeViolations(page)).toEqual([])
    await setLanguage(page, 'en')
  })

  it('published: opens anonymously from the public page; unpublished in Settings: "not published"', async () => {
    const { page: visitor } = await harness.open({ name: 'Visitor', color: '#b54708', language: 'en' }, `/p/${DEMO_INITIATIVE}`)
    await visitor.click('.public-report-card-link')
    await visitor.waitForURL(`**/p/${DEMO_INITIATIVE}/report`)
    await visitor.waitForSelector(`${READINESS} .rc-chart svg`)
    expect(await visitor.textContent(`${READINESS} .rc-latest`)).toBe('68%')
    expect(await visitor.textContent('h1')).toContain("Be'er Sheva Cradle to Career")
    expect(await visitor.$('.tab-nav')).toBeNull()
    expect(await seriousAxeViolations(visitor)).toEqual([])
    await setLanguage(visitor, 'he')
    await visitor.waitForSelector(`${READINESS} .rc-chart[data-reversed="true"] svg`)
    expect(await seriousAxeViolations(visitor)).toEqual([])
    await setLanguage(visitor, 'en')

    // The members' section links to the public card while it is published.
    const { page } = backbone
    await page.goto(`${harness.url}${I}/report`)
    await page.waitForSelector('.rc-public-link')
    expect(await page.inputValue('.rc-publication .copy-field__input')).toBe(`${harness.url}/p/${DEMO_INITIATIVE}/report`)

    const reportCardRow = '.card[data-target="reportCard"]'
    await page.goto(`${harness.url}${I}/settings`)
    await page.waitForSelector(`${reportCardRow} .publication-status[data-state="published"]`)
    await page.click(`${reportCardRow} .publication-toggle`)
    await page.waitForSelector(`${reportCardRow} .publication-status[data-state="private"]`)
    // The agenda stays published.
    expect(await page.getAttribute('.card[data-target="agenda"] .publication-status', 'data-state')).toBe('published')

    await visitor.reload()
    await visitor.waitForSelector('text=The report card is not published')
    await visitor.goto(`${harness.url}/p/${DEMO_INITIATIVE}`)
    await visitor.waitForSelector('.readonly-badge')
    expect(await visitor.$('.public-report-card-link')).toBeNull()

    await page.goto(`${harness.url}${I}/report`)
    await page.waitForSelector('.rc-private')
    await page.goto(`${harness.url}${I}/settings`)
    await page.click(`${reportCardRow} .publication-toggle`)
    await page.waitForSelector(`${reportCardRow} .publication-status[data-state="published"]`)
  })
})
