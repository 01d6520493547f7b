// Document history in Chromium: a participant sees what changed since their last visit (by whom,
// a digest) and opens the compare with the insertions marked; backbone staff name a version,
// compare and restore it, and the restore arrives live in a second browser — in English and in
// Hebrew (right to left, axe-clean).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  BrowserHarness,
  DEMO,
  DEMO_AGENDA,
  DEMO_INITIATIVE,
  editorText,
  focusEditorEnd,
  seriousAxeViolations,
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

const home = `/i/${DEMO_INITIATIVE}`

describe('document history', () => {
  const LANGUAGES = {
    en: {
      agenda: 'Common agenda',
      changedBy: `Changed by ${DEMO.backbone.name}`,
      version: 'Before the history test',
      first: ' Reading coaches start in March.',
      second: ' Families are invited.',
    },
    he: {
      agenda: 'האג׳נדה המשותפת',
      changedBy: `שונה על ידי ${DEMO.backbone.name}`,
      version: 'לפני בדיקת ההיסטוריה',
      first: ' מאמני קריאה מתחילים במרץ.',
      second: ' המשפחות מוזמנות.',
    },
  } as const

  it.each(['en', 'he'] as const)('what changed since my last visit, compare, name, restore — arriving live in a second browser (%s)', async (language) => {
    const l = LANGUAGES[language]
    // The participant has the agenda open (it is marked as seen) and follows along.
    const reader = await harness.open({ name: DEMO.participant.name, color: '#0f6b7a', email: DEMO.participant.email, language }, home)
    await waitConnected(reader.page)
    await reader.page.waitForSelector('.document-view__history')

    // Backbone staff name the current version, then write.
    const writer = await harness.open({ name: DEMO.backbone.name, color: '#b4235f', email: DEMO.backbone.email, language }, `${home}/history/agenda`)
    await writer.page.waitForSelector('.version')
    await writer.page.fill('form.history__name input', l.version)
    await writer.page.click('form.history__name button[type="submit"]')
    await writer.page.waitForSelector(`.version .pill--success:has-text("${l.version}")`)
    await writer.page.goto(`${harness.url}${home}`)
    await waitConnected(writer.page)
    await focusEditorEnd(writer.page)
    await writer.page.keyboard.type(l.first)
    await waitForEditorText(writer.page, l.first.trim())
    await writer.page.waitForSelector('.save-status[data-state="saved"]')
    await waitForEditorText(reader.page, l.first.trim())

    // The participant leaves the agenda (seen up to here) … and the backbone writes more.
    await reader.page.click('.tab-nav__link[data-section="history"]')
    await reader.page.waitForSelector('.changes__doc, .empty-state')
    await writer.page.keyboard.type(l.second)
    await writer.page.waitForSelector('.save-status[data-state="saved"]')
    const agenda = `.changes__doc[data-document="${DEMO_AGENDA}"][data-status="changed"]`
    for (let i = 0; i < 20 && !(await reader.page.$(agenda)); i++) {
      await reader.page.reload()
      await reader.page.waitForSelector('.changes__doc, .empty-state')
    }
    expect(await reader.page.getAttribute('html', 'dir')).toBe(language === 'he' ? 'rtl' : 'ltr')
    expect(await reader.page.textContent(`${agenda} .changes__title`)).toBe(l.agenda)
    expect(await reader.page.textContent(agenda)).toContain(l.changedBy)
    expect(await reader.page.textContent(`${agenda} .changes__excerpts`)).toContain(l.second.trim())
    expect(await reader.page.textContent(`${agenda} .changes__excerpts`)).not.toContain(l.first.trim())
    await reader.page.click(`${agenda} [data-action="see-changes"]`)
    await reader.page.waitForSelector('[data-testid="compare-text"] ins')
    const inserted = await reader.page.$$eval('[data-testid="compare-text"] ins', (els) => els.map((e) => [e.getAttribute('data-author'), e.textContent]))
    expect(inserted.some(([author, text]) => author === DEMO.backbone.name && text?.includes(l.second.trim()))).toBe(true)
    // A participant may read the history, not restore it.
    expect(await reader.page.$('form.history__name')).toBeNull()
    expect(await reader.page.$('[data-action="confirm-start"]')).toBeNull()
    expect(await seriousAxeViolations(reader.page)).toEqual([])

    // Back on the agenda in the reader's browser; the backbone restores the named version.
    await reader.page.goto(`${harness.url}${home}`)
    await waitConnected(reader.page)
    await waitForEditorText(reader.page, l.second.trim())
    await writer.page.goto(`${harness.url}${home}/history/agenda`)
    await writer.page.click(`.version:has(.pill--success:has-text("${l.version}"))`)
    await writer.page.waitForSelector('[data-action="confirm-start"]')
    await writer.page.click('[data-action="confirm-start"]')
    await writer.page.click('[data-action="confirm"]')
    await writer.page.waitForSelector('.notice--success')
    // The restore is a version of its own, and the reader's editor converges to it.
    await writer.page.waitForSelector('.version__restore')
    await expect.poll(() => editorText(reader.page), { timeout: 10_000 }).not.toContain(l.first.trim())
    expect(await editorText(reader.page)).not.toContain(l.second.trim())
  })

  it('in Hebrew, as a partner executive: the history page and the changes are right to left, with no serious axe violations', async () => {
    const opened = await harness.open({ name: DEMO.partner.name, color: '#3b4fd8', email: DEMO.partner.email, language: 'he' }, `${home}/history`)
    await opened.page.waitForSelector('.changes__doc, .empty-state')
    expect(await opened.page.getAttribute('html', 'dir')).toBe('rtl')
    expect(await opened.page.textContent('h2')).toContain('מה השתנה מאז ביקורך האחרון')
    expect(await opened.page.textContent('.tab-nav__link[data-section="history"]')).toBe('מה השתנה')
    expect(await seriousAxeViolations(opened.page)).toEqual([])
    await opened.page.goto(`${harness.url}${home}/history/agenda`)
    await opened.page.waitForSelector('.version')
    expect(await opened.page.textContent('.history .section-title')).toBe('ההיסטוריה של האג׳נדה המשותפת')
    await opened.page.waitForSelector('.compare, .notice')
    expect(await opened.page.textContent('.history__timeline')).toContain('גרסאות')
    expect(await seriousAxeViolations(opened.page)).toEqual([])
  })
})
