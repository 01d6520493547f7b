// Settings → Archive in Chromium, on the demo initiative: backbone staff see the card in English
// and Hebrew (rtl) and the link downloads the whole initiative as one tar (the same archive as
// `pnpm cg export`, docs/archive.md) with a dated file name; partner executives have no Settings.
import { readFile } from 'node:fs/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readArchive } from '../../server/src/archive/readArchive.ts'
import { BrowserHarness, DEMO, DEMO_INITIATIVE } from './browserHarness.ts'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await BrowserHarness.start({ seedDemo: true })
})

afterEach(() => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

describe('Settings → Archive', () => {
  it('downloads the whole initiative as a verifiable archive', async () => {
    const { page } = await harness.open({ name: 'Noa', color: '#0e7090', language: 'en', email: DEMO.backbone.email }, `/i/${DEMO_INITIATIVE}/settings`)
    const card = page.locator('[data-target="archive"]')
    await card.waitFor()
    // The tab the partner executive below does not get.
    expect(await page.locator(`a[href="/i/${DEMO_INITIATIVE}/settings"]`).count()).toBeGreaterThan(0)
    expect(await card.locator('h2').textContent()).toBe('Archive')
    const link = card.locator('[data-action="download-archive"]')
    expect(await link.textContent()).toBe('Download the whole initiative (archive)')
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${DEMO_INITIATIVE}-\\d{4}-\\d{2}-\\d{2}\\.tar$`))
    const archive = await readArchive(await readFile((await download.path())!))
    expect(archive.manifest.initiativeId).toBe(DEMO_INITIATIVE)
    expect(archive.manifest.counts.documents).toBeGreaterThanOrEqual(10)

    // In Hebrew: the same card, right to left.
    await page.click('button[lang="he"]')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    expect(await link.textContent()).toBe('הורדת היוזמה כולה (ארכיון)')
    expect(await card.locator('h2').textContent()).toBe('ארכיון')
  })

  it('is not offered to a partner executive', async () => {
    const { page } = await harness.open({ name: 'Dana', color: '#b54708', language: 'en', email: DEMO.partner.email }, `/i/${DEMO_INITIATIVE}`)
    await page.waitForSelector(`a[href="/i/${DEMO_INITIATIVE}/report"]`)
    expect(await page.locator('[data-action="download-archive"]').count()).toBe(0)
    expect(await page.locator(`a[href="/i/${DEMO_INITIATIVE}/settings"]`).count()).toBe(0)
  })
})
