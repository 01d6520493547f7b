// A person's presence colour goes with their account: without a choice it is the same in every
// session (derived from the account), and a colour chosen in one browser is the one another
// browser — and the cursors other people see — show.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BrowserHarness, DEMO, DEMO_INITIATIVE, waitConnected } from './browserHarness.ts'
import type { Page } from 'playwright-core'

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

async function chosenColour(page: Page): Promise<string | null> {
  await page.click('.identity__button')
  await page.waitForSelector('.identity__panel')
  const value = await page.$eval('input[name="identity-colour"]:checked', (el) => (el as HTMLInputElement).value).catch(() => null)
  await page.click('.identity__button')
  return value
}

describe('the presence colour', () => {
  it('is kept with the account across sessions and browsers', async () => {
    const home = `/i/${DEMO_INITIATIVE}`
    // The harness presets a guest colour in each browser: signed in, the account's colour wins.
    const first = await harness.open({ name: 'x', color: '#0e7090', email: DEMO.partner.email }, home)
    const second = await harness.open({ name: 'y', color: '#b54708', email: DEMO.partner.email }, home)
    await waitConnected(first.page)
    await waitConnected(second.page)
    const initial = await chosenColour(first.page)
    expect(initial).not.toBeNull()
    expect(await chosenColour(second.page)).toBe(initial)

    const pick = initial === '#6941c6' ? '#c11574' : '#6941c6'
    await first.page.click('.identity__button')
    await first.page.check(`input[name="identity-colour"][value="${pick}"]`)
    await first.page.click('.identity__button')
    // A third browser, opened after the choice, starts with it.
    await expect
      .poll(async () => {
        const third = await harness.open({ name: 'z', color: '#4d5761', email: DEMO.partner.email }, home)
        await waitConnected(third.page)
        const colour = await chosenColour(third.page)
        await third.context.close()
        return colour
      })
      .toBe(pick)
    // Others see the cursor's colour in their presence list.
    const watcher = await harness.open({ name: 'w', color: '#4d5761', email: DEMO.backbone.email }, home)
    await waitConnected(watcher.page)
    await first.page.reload()
    await waitConnected(first.page)
    await expect
      .poll(() => watcher.page.$$eval('.presence [style]', (els) => els.map((e) => (e as HTMLElement).style.cssText).join(' ')), { timeout: 10_000 })
      .toContain(pick === '#6941c6' ? 'rgb(105, 65, 198)' : 'rgb(193, 21, 116)')
  })
})
