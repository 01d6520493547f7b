// The static report card (`pnpm cg static`, docs/archive.md) in Chromium from file:// with no
// server running: the demo initiative's folder is written, every server stopped, then the English
// page shows the headline, each chart image loads, the data links point at files in the folder;
// the Hebrew page is dir=rtl with the Hebrew headline; the agenda read view opens from the page;
// print hides the navigation; nothing is requested but files; both pages pass an axe scan.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { silentLogger, startServer } from '@common-ground/server'
import { writeStaticSite } from '../../server/src/archive/static/staticSite.ts'
import { CHROMIUM_ARGS, DEMO_INITIATIVE, seriousAxeViolations } from './browserHarness.ts'

let root: string
let site: string
let browser: Browser
const requests: string[] = []
const errors: string[] = []
/** axe-core reads the stylesheets with XMLHttpRequest, which file:// refuses: its console errors are not the page's. */
let scanning = false

async function axeScan(page: Page): Promise<string[]> {
  scanning = true
  try {
    return await seriousAxeViolations(page)
  } finally {
    await page.waitForTimeout(100)
    scanning = false
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cg-static-browser-'))
  const dataDir = join(root, 'data')
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', seedDemo: true, logger: silentLogger })
  await server.close()
  site = join(root, 'site')
  await writeStaticSite({ dataDir, initiativeId: DEMO_INITIATIVE, dir: site, withAgenda: true, logger: silentLogger })
  // From here on no server runs: the folder is all there is.
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
})

afterAll(async () => {
  await browser?.close()
  if (root) rmSync(root, { recursive: true, force: true })
})

async function open(file: string, language: 'en' | 'he'): Promise<Page> {
  const context = await browser.newContext({ locale: language === 'he' ? 'he-IL' : 'en-US', viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  page.on('request', (request) => requests.push(request.url()))
  page.on('console', (message) => {
    if (message.type() === 'error' && !scanning) errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(pathToFileURL(join(site, file)).href)
  return page
}

/** Every chart image on the page has loaded (decoded with its size). */
const chartsLoaded = (page: Page) =>
  page.$$eval('.chart img', (images) => images.map((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))

describe('the static report card from file://', () => {
  it('opens in English with the headline, the charts and the data links', async () => {
    const page = await open('index.html', 'en')
    expect(await page.getAttribute('html', 'dir')).toBe('ltr')
    expect(await page.textContent('h1')).toContain('Be')
    expect(await page.textContent('.headline__trend')).toMatch(/^\d+ of \d+ indicators trending in the right direction$/)
    const readiness = page.locator('.card[data-indicator="i-readiness01"]')
    expect(await readiness.locator('.card__name').textContent()).toContain('Kindergarten readiness')
    expect(await readiness.locator('.figures dd').first().textContent()).toContain('68%')
    const loaded = await chartsLoaded(page)
    expect(loaded.length).toBeGreaterThanOrEqual(5)
    expect(loaded.every(Boolean)).toBe(true)
    expect(await readiness.locator('.chart img').getAttribute('alt')).toContain('Kindergarten readiness')
    // The stylesheet applied (a file next to the page).
    expect(await page.$eval('.card', (card) => getComputedStyle(card).borderStyle)).toBe('solid')

    const links = await page.$$eval('.data a', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href))
    expect(links.map((href) => href.split('/').slice(-2).join('/'))).toEqual(['data/indicators.csv', 'data/values.csv', 'data/report-card.json'])
    for (const href of links) {
      expect(href.startsWith('file://')).toBe(true)
      expect(existsSync(fileURLToPath(href)), href).toBe(true)
    }
    // The agenda read view is one link away.
    await page.click('.pages a')
    await page.waitForSelector('.agenda')
    expect(await page.locator('.block--goal').count()).toBeGreaterThanOrEqual(3)
    expect(await page.textContent('.agenda')).toContain('The problem we share')
    expect(await axeScan(page)).toEqual([])
  })

  it('opens in Hebrew right to left, and prints without navigation', async () => {
    const page = await open('he/index.html', 'he')
    expect(await page.getAttribute('html', 'dir')).toBe('rtl')
    expect(await page.getAttribute('html', 'lang')).toBe('he')
    expect(await page.textContent('.headline__trend')).toMatch(/^\d+ מתוך \d+ מדדים מתקדמים בכיוון הנכון$/)
    expect(await page.textContent('.data h2')).toBe('הנתונים')
    const loaded = await chartsLoaded(page)
    expect(loaded.length).toBeGreaterThanOrEqual(5)
    expect(loaded.every(Boolean)).toBe(true)
    expect(await page.getAttribute('.card[data-indicator="i-readiness01"] .chart img', 'src')).toBe('../charts/i-readiness01.he.svg')
    // Right to left: the cards start at the right edge.
    const [first, second] = await page
      .locator('.goal')
      .first()
      .locator('.card')
      .evaluateAll((cards) => cards.slice(0, 2).map((c) => c.getBoundingClientRect().left))
    expect(first!).toBeGreaterThan(second!)
    expect(await axeScan(page)).toEqual([])

    // The language switch leads to the English page.
    expect(await page.getAttribute('.languages a[lang="en"]', 'href')).toBe('../index.html')

    await page.emulateMedia({ media: 'print' })
    expect(await page.$eval('.site-header', (header) => getComputedStyle(header).display)).toBe('none')
    expect(await page.$eval('.card', (card) => getComputedStyle(card).breakInside)).toBe('avoid')
    expect(
      await page
        .locator('.goal')
        .nth(1)
        .evaluate((goal) => getComputedStyle(goal).breakBefore),
    ).toBe('page')
    expect(
      await page
        .locator('.goal')
        .first()
        .evaluate((goal) => getComputedStyle(goal).breakBefore),
    ).toBe('auto')
    await page.emulateMedia({ media: 'screen' })
    expect(await page.$eval('.site-header', (header) => getComputedStyle(header).display)).not.toBe('none')
  })

  it('requested nothing but files and logged no error', () => {
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])
    expect(errors).toEqual([])
  })
})
