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
  it('what changed since my last visit, compare, name, restore — arriving live in a second browser (English)', async () => {
    // The participant has the agenda open (it is marked as seen) and follows along.
    const reader = await harness.open({ name: DEMO.participant.name, color: '#0f6b7a', email: DEMO.participant.email }, home)
    await waitConnected(reader.page)
    await reader.page.waitForSelector('.document-view__history')

    // Backbone staff name the current version, then write.
    const writer = await harness.open({ name: DEMO.backbone.name, color: '#b4235f', email: DEMO.backbone.email }, `${home}/history/agenda`)
    await writer.page.waitForSelector('.version')
    await writer.page.fill('form.history__name input', 'Before the history test')
    await writer.page.click('form.history__name button[type="submit"]')
    await writer.page.waitForSelector('.version .pill--success:has-text("Before the history test")')
    await writer.page.goto(`${harness.url}${home}`)
    await waitConnected(writer.page)
    await focusEditorEnd(writer.page)
    await writer.page.keyboard.type(' Reading coaches start in March.')
    await waitForEditorText(writer.page, 'Reading coaches start in March.')
    await writer.page.waitForSelector('.save-status[data-state="saved"]')
    await waitForEditorText(reader.page, 'Reading coaches start in March.')

    // The participant leaves the agenda (seen up to here) … and the backbone writes more.
    await reader.page.click('.tab-nav__link[data-section="history"]')
    await reader.page.waitForSelector('.changes__doc, .empty-state')
    await writer.page.keyboard.type(' Families are invited.')
    await writer.page.waitForSelector('.save-status[data-state="saved"]')
    const agenda = `.changes__doc[data-document="${DEMO_AGENDA}"][data-status="changed"]`
    for (let i = 0; i < 20 && !(await reader.page.$(agenda)); i++) {
      await reader.page.reload()
      await reader.page.waitForSelector('.changes__doc, .empty-state')
    }
    expect(await reader.page.textContent(`${agenda} .changes__title`)).toBe('Common agenda')
    expect(await reader.page.textContent(agenda)).toContain(`Changed by ${DEMO.backbone.name}`)
    expect(await reader.page.textContent(`${agenda} .changes__excerpts`)).toContain('Families are invited.')
    expect(await reader.page.textContent(`${agenda} .changes__excerpts`)).not.toContain('Reading coaches')
    await reader.page.click(`${agenda} a:has-text("See what changed")`)
    await reader.page.waitForSelector('[data-testid="compare-text"] ins')
    const inserted = await reader.page.$$eval('[data-testid="compare-text"] ins', (els) => els.map((e) => [e.getAttribute('data-author'), e.textContent]))
    expect(inserted.some(([author, text]) => author === DEMO.backbone.name && text?.includes('Families are invited.'))).toBe(true)
    // A participant may read the history, not restore it.
    expect(await reader.page.$('form.history__name')).toBeNull()
    expect(await reader.page.$('[data-action="confirm-start"]')).toBeNull()

    // Back on the agenda in the reader's browser; the backbone restores the named version.
    await reader.page.goto(`${harness.url}${home}`)
    await waitConnected(reader.page)
    await waitForEditorText(reader.page, 'Families are invited.')
    await writer.page.goto(`${harness.url}${home}/history/agenda`)
    await writer.page.click('.version:has(.pill--success:has-text("Before the history test"))')
    await writer.page.waitForSelector('[data-action="confirm-start"]')
    await writer.page.click('[data-action="confirm-start"]')
    await writer.page.click('[data-action="confirm"]')
    await writer.page.waitForSelector('.notice--success')
    expect(await writer.page.textContent('.notice--success')).toContain('Restored')
    // The restore is a version of its own, and the reader's editor converges to it.
    await writer.page.waitForSelector('.version__restore')
    await expect.poll(() => editorText(reader.page), { timeout: 10_000 }).not.toContain('Reading coaches start in March.')
    expect(await editorText(reader.page)).not.toContain('Families are invited.')
  })

  it('in Hebrew: the history page and the changes are right to left, in Hebrew, with no serious axe violations', async () => {
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
