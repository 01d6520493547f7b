// A new initiative from the create form: the common-agenda template is offered (checked by
// default) and the agenda opens with its sections in the initiative's language; unchecked, the
// agenda starts blank — in English and in Hebrew.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BrowserHarness, editorText, signUpContext, waitConnected } from './browserHarness.ts'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await BrowserHarness.start()
})

afterEach(async () => {
  expect(harness.takeErrors()).toEqual([])
  await harness.closeContexts()
})

afterAll(async () => {
  await harness?.close()
})

async function createThroughForm(language: 'en' | 'he', name: string, template: boolean) {
  const opened = await harness.open({ name: 'Founder', color: '#3b4fd8', language })
  await signUpContext(opened.context, harness.url, { email: `founder-${language}-${template}@example.org`, name: 'Founder' })
  await opened.page.goto(`${harness.url}/`)
  const form = opened.page.locator('form:has(input[name="agendaTemplate"])')
  await form.waitFor()
  expect(await form.locator('input[name="agendaTemplate"]').isChecked()).toBe(true)
  await form.locator('input').first().fill(name)
  if (!template) await form.locator('input[name="agendaTemplate"]').uncheck()
  await form.locator('button[type="submit"]').click()
  await opened.page.waitForURL('**/i/**')
  await waitConnected(opened.page)
  return opened.page
}

describe('the common-agenda template', () => {
  it('is offered and fills the new agenda with its sections (English)', async () => {
    const page = await createThroughForm('en', 'Reading City', true)
    await expect.poll(() => editorText(page)).toContain('The problem')
    const text = await editorText(page)
    for (const heading of [
      'Our shared vision',
      'Goals and shared measurement',
      'How the partners work together',
      'Continuous communication',
      'The backbone organisation',
    ])
      expect(text).toContain(heading)
    expect(text).toContain('Insert → Goal')
  })

  it('in Hebrew: the sections in Hebrew; unchecked, the agenda starts blank', async () => {
    const page = await createThroughForm('he', 'עיר קוראת', true)
    await expect.poll(() => editorText(page)).toContain('הבעיה')
    expect(await editorText(page)).toContain('ארגון השדרה')
    expect(await editorText(page)).not.toContain('The problem')
    await harness.closeContexts()
    const blank = await createThroughForm('he', 'מיזם ריק', false)
    await expect.poll(() => editorText(blank)).toContain('מיזם ריק')
    expect(await editorText(blank)).not.toContain('הבעיה')
  })
})
