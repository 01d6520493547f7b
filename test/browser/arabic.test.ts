// Arabic as a full right-to-left interface language, in Chromium on the built client: the default for a
// browser that prefers Arabic, the header's switch (<html lang="ar" dir="rtl">, kept across a reload), and the
// key screens — initiatives, the common agenda, shared measurement, the report card, settings — in Arabic:
// Arabic labels, no interface string left in English (every multi-word English string of client/src/i18n is
// looked for in the page's text and labels, the people's content excepted), Western digits, the report card's
// time axis reversed, and no serious axe violation.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BrowserHarness, DEMO, DEMO_INITIATIVE, REPO_ROOT, seriousAxeViolations, waitConnected, type OpenedPage } from './browserHarness.ts'

const I18N = join(REPO_ROOT, 'client', 'src', 'i18n')
const I = `/i/${DEMO_INITIATIVE}`

function values(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [String(value)]
  return Object.values(value as Record<string, unknown>).flatMap(values)
}

/** Every English interface string of more than one word without a placeholder: none may reach an Arabic page. */
const ENGLISH_STRINGS = [
  ...values(JSON.parse(readFileSync(join(I18N, 'en.json'), 'utf8'))),
  ...readdirSync(join(I18N, 'areas'))
    .filter((file) => file.endsWith('.en.json'))
    .flatMap((file) => values(JSON.parse(readFileSync(join(I18N, 'areas', file), 'utf8')))),
].filter((s) => !s.includes('{{') && s.trim().split(/\s+/).length > 1 && /[A-Za-z]/.test(s) && s !== 'Common Ground')

/** What people wrote (the demo's content is partly English): the documents, names, descriptions, indicators. */
const CONTENT = ['.editor__content', '[dir="auto"]', '.brand', '.rc-card__title', '.rc-goal__title', 'svg'].join(', ')

/** The interface's visible text and its labels (aria-label, title, placeholder), the people's content left out. */
function interfaceText(page: Page): Promise<string> {
  return page.evaluate((content) => {
    const parts: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node instanceof Element ? node : node.parentElement
      if (!element || element.closest(content)) continue
      if (node instanceof Element) {
        for (const name of ['aria-label', 'title', 'placeholder']) {
          const value = node.getAttribute(name)
          if (value) parts.push(value)
        }
      } else if (element.checkVisibility()) parts.push(node.textContent ?? '')
    }
    return parts.join('\n')
  }, CONTENT)
}

let harness: BrowserHarness
let backbone: OpenedPage

beforeAll(async () => {
  harness = await BrowserHarness.start({ seedDemo: true })
  backbone = await harness.open({ name: 'Noa', color: '#0e7090', language: 'en', email: DEMO.backbone.email })
})

afterEach(() => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

const htmlAttrs = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))

async function expectArabicScreen(page: Page, what: string): Promise<void> {
  const text = await interfaceText(page)
  expect(text, what).toMatch(/[\u0600-\u06FF]{3}/)
  expect(
    ENGLISH_STRINGS.filter((english) => text.includes(english)),
    `${what}: English interface strings on the page`,
  ).toEqual([])
  // Western digits (ar-u-nu-latn), never Arabic-Indic ones.
  expect(text, what).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/)
  expect(await seriousAxeViolations(page), what).toEqual([])
}

describe('Arabic', () => {
  it('is the default when the browser prefers Arabic', async () => {
    const { page } = await harness.open({ name: 'Layla', color: '#6941c6', language: 'ar' }, '/signin')
    await page.waitForSelector('input[name="email"]')
    expect(await htmlAttrs(page)).toEqual({ lang: 'ar', dir: 'rtl' })
    expect(await page.textContent('h1')).toBe('تسجيل الدخول')
    expect(await page.getAttribute('button[lang="ar"]', 'aria-pressed')).toBe('true')
    await expectArabicScreen(page, '/signin')
  })

  it('switches from English to Arabic and shows the key screens in Arabic, right to left', async () => {
    const { page } = backbone
    await page.goto(harness.url + '/')
    await page.waitForSelector('.initiative-list__link')
    expect(await htmlAttrs(page)).toEqual({ lang: 'en', dir: 'ltr' })
    expect(await page.textContent('button[lang="ar"]')).toBe('العربية')
    // The guard below sees English when there is English: the same screen in English has several of its strings.
    const english = await interfaceText(page)
    expect(ENGLISH_STRINGS.filter((s) => english.includes(s)).length).toBeGreaterThan(3)

    await page.click('button[lang="ar"]')
    expect(await htmlAttrs(page)).toEqual({ lang: 'ar', dir: 'rtl' })
    expect(await page.getAttribute('button[lang="ar"]', 'aria-pressed')).toBe('true')
    expect(await page.textContent('h1')).toBe('مبادراتك')
    // The header is mirrored: the brand on the right, the person on the left.
    const centre = (selector: string) => page.$eval(selector, (el) => el.getBoundingClientRect().left + el.getBoundingClientRect().width / 2)
    expect(await centre('.brand')).toBeGreaterThan(await centre('.identity__button'))
    // The demo initiative lists its three languages, each in its own name.
    expect(await page.textContent('.initiative-list')).toContain('العربية')
    await expectArabicScreen(page, 'initiatives')

    await page.reload()
    await page.waitForSelector('.initiative-list__link')
    expect(await htmlAttrs(page)).toEqual({ lang: 'ar', dir: 'rtl' })

    // The common agenda: Arabic tabs and toolbar, the editor right to left.
    await page.goto(harness.url + I)
    await waitConnected(page)
    const tabs = await page.$$eval('a[data-section]', (links) => links.map((l) => l.textContent?.trim()))
    expect(tabs).toEqual(expect.arrayContaining(['الأجندة المشتركة', 'الشركاء', 'القياس', 'بطاقة الأداء', 'الإعدادات']))
    expect(await page.$eval('.editor__content', (el) => getComputedStyle(el).direction)).toBe('rtl')
    expect(await page.textContent('.save-status')).toBe('تم حفظ جميع التغييرات')
    await expectArabicScreen(page, 'agenda')

    // Shared measurement: the sheet with Arabic periods and states.
    await page.goto(`${harness.url}${I}/measurement`)
    await page.waitForSelector('.sheet-grid')
    await expectArabicScreen(page, 'measurement')

    // The report card: Arabic labels, Western digits, the time axis running right to left.
    await page.goto(`${harness.url}${I}/report`)
    await page.waitForSelector('.rc-card[data-indicator="i-readiness01"] .rc-chart[data-reversed="true"] svg')
    const card = await page.textContent('.rc-card[data-indicator="i-readiness01"]')
    expect(card).toContain('خط الأساس')
    expect(card).toContain('المستهدف')
    expect(card).toMatch(/[0-9]/)
    await expectArabicScreen(page, 'report card')

    // Settings: the initiative's details and what is published.
    await page.goto(`${harness.url}${I}/settings`)
    await page.waitForSelector('.publication-status')
    expect(await page.textContent('main')).toContain('تفاصيل المبادرة')
    await expectArabicScreen(page, 'settings')

    // Partners, members and the audit log too (dates and actions in Arabic).
    for (const [section, ready] of [
      ['partners', '.coverage__sector'],
      ['members', '.invitations-table'],
      ['audit', '.audit-table'],
    ] as const) {
      await page.goto(`${harness.url}${I}/${section}`)
      await page.waitForSelector(ready)
      await expectArabicScreen(page, section)
    }

    await page.click('button[lang="en"]')
    expect(await htmlAttrs(page)).toEqual({ lang: 'en', dir: 'ltr' })
  })
})
