// Shared measurement in Chromium on the demo initiative: a partner executive types a value into the
// live sheet and submits it, backbone staff approve it from the queue and it counts in the report
// card's data; the sheet's keyboard runs right to left in Hebrew; a participant reads only; a CSV
// import is checked, rejected with its row errors, then imported.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import type { MeasurementListAnswer, ReportCardAnswer } from '@common-ground/domain'
import { apiAs, BrowserHarness, DEMO, DEMO_INITIATIVE, seriousAxeViolations } from './browserHarness.ts'

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

const SECTION = `/i/${DEMO_INITIATIVE}/measurement`
// Yearly, currency, and no values in the demo ("funds missing").
const FUNDS = 'i-funds000001'
const row = (indicator: string, partner: string) => `.sheet-grid__line[data-indicator="${indicator}"][data-partner="${partner}"]`
const cell = (indicator: string, partner: string, period: string) => `${row(indicator, partner)} [role="gridcell"][data-period="${period}"]`

async function openSheet(page: Page): Promise<void> {
  await page.waitForSelector('.sheet-grid')
  await page.waitForSelector('.connection-status[data-state="connected"]')
}

describe('shared measurement in the browser', () => {
  it('a partner enters and submits a value; backbone staff approve it; the report card counts it', async () => {
    const partner = await harness.open({ name: DEMO.partner.name, color: '#0e7490', email: DEMO.partner.email }, SECTION)
    await openSheet(partner.page)
    const target = cell(FUNDS, DEMO.partner.partnerId, '2025')
    await partner.page.click(target)
    await partner.page.keyboard.type('1250000')
    await partner.page.keyboard.press('Enter')
    await partner.page.waitForSelector(`${target}[data-workflow="draft"]`)
    expect(await partner.page.textContent(`${target} .sheet-grid__value`)).toBe('1,250,000')

    await partner.page.click(target)
    await partner.page.click('[data-action="submit-selected"]')
    await partner.page.waitForSelector(`${target}[data-workflow="submitted"]`)

    const backbone = await harness.open({ name: DEMO.backbone.name, color: '#3538cd', email: DEMO.backbone.email }, SECTION)
    await backbone.page.click('[data-view="approvals"]')
    const queued = `.approval-queue tr:has-text("1,250,000")`
    await backbone.page.waitForSelector(queued)
    await backbone.page.click(`${queued} button:has-text("Approve")`)
    await backbone.page.waitForSelector(queued, { state: 'detached' })

    const listed = await apiAs<MeasurementListAnswer>(
      backbone.context,
      harness.url,
      'GET',
      `/api/initiatives/${DEMO_INITIATIVE}/measurements?workflow=approved`,
    )
    const approved = listed.measurements.find((m) => m.indicatorId === FUNDS && m.period === '2025' && m.partnerId === DEMO.partner.partnerId)
    expect(approved?.value).toBe(1_250_000)
    // The partner's sheet shows the decision within its refresh interval, without a reload.
    await partner.page.waitForSelector(`${target}[data-workflow="approved"]`, { timeout: 20_000 })

    const card = await apiAs<ReportCardAnswer>(backbone.context, harness.url, 'GET', `/api/initiatives/${DEMO_INITIATIVE}/report-card`)
    const funds = [...card.goals.flatMap((g) => g.indicators), ...card.unassigned].find((i) => i.id === FUNDS)
    expect(funds?.series).toContainEqual({ period: '2025', value: 1_250_000 })
    expect(funds?.byPartner.find((p) => p.partnerId === DEMO.partner.partnerId)?.series).toContainEqual({ period: '2025', value: 1_250_000 })
  })

  it('moves through the sheet right to left in Hebrew, and is accessible', async () => {
    const { page } = await harness.open({ name: DEMO.backbone.name, color: '#3538cd', email: DEMO.backbone.email, language: 'he' }, SECTION)
    await openSheet(page)
    expect(await page.getAttribute('html', 'dir')).toBe('rtl')
    expect(await page.textContent('.measurement-section h2, .measurement-section h1')).toContain('מדידה משותפת')
    const grid = page.locator('.sheet-grid')
    await grid.focus()
    await page.keyboard.press('Home')
    const first = await grid.getAttribute('aria-activedescendant')
    expect(first).toMatch(/^cell-0-0$/)
    // The oldest period is on the right: ArrowLeft goes on to the next, newer one.
    await page.keyboard.press('ArrowLeft')
    expect(await grid.getAttribute('aria-activedescendant')).toBe('cell-0-1')
    await page.keyboard.press('ArrowRight')
    expect(await grid.getAttribute('aria-activedescendant')).toBe('cell-0-0')
    const firstCell = await page.locator('#cell-0-0').boundingBox()
    const secondCell = await page.locator('#cell-0-1').boundingBox()
    expect(firstCell!.x).toBeGreaterThan(secondCell!.x)
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('says when a value was entered against an earlier definition, and what changed since', async () => {
    const { page } = await harness.open({ name: DEMO.backbone.name, color: '#3538cd', email: DEMO.backbone.email }, SECTION)
    await openSheet(page)
    // Only the initiative-wide rows (value '' of the reporter picker).
    await page.selectOption('.sheet-view__toolbar select', '')
    await page.click(cell('i-matric00001', '', '2024'))
    await page.waitForSelector('.cell-panel__changed[data-since="1"]')
    const note = await page.textContent('.cell-panel__changed')
    expect(note).toContain('version 1 → 2')
    expect(note).toContain('targets')
    expect(note).toContain(DEMO.backbone.name)
  })

  it('a participant reads the sheet without the means to change it', async () => {
    const { page } = await harness.open({ name: DEMO.participant.name, color: '#b54708', email: DEMO.participant.email }, SECTION)
    await openSheet(page)
    expect(await page.$('[data-action="submit-selected"]')).toBeNull()
    expect(await page.$('[data-view="approvals"]')).toBeNull()
    expect(await page.$$eval('.sheet-grid [role="gridcell"]', (cells) => cells.every((c) => c.getAttribute('aria-readonly') === 'true'))).toBe(true)
    await page.click('.sheet-grid [role="gridcell"]')
    await page.keyboard.type('5')
    expect(await page.$('.sheet-grid__editor')).toBeNull()
  })

  it('checks a CSV file, lists its bad rows and imports nothing, then imports a good one', async () => {
    const { page } = await harness.open({ name: DEMO.backbone.name, color: '#3538cd', email: DEMO.backbone.email }, SECTION)
    await openSheet(page)
    const bad = join(tmpdir(), `cg-import-bad-${process.pid}.csv`)
    writeFileSync(bad, `indicator,period,partner,value\n${FUNDS},2023,foundation,900000\n${FUNDS},2023-Q1,foundation,5\n`)
    await page.click('button:has-text("Import CSV")')
    await page.setInputFiles('.import-dialog input[type="file"]', bad)
    await page.click('[data-action="dry-run"]')
    await page.waitForSelector('.import-form__report[data-result="rejected"]')
    expect(await page.getAttribute('.import-form__errors tbody tr', 'data-code')).toBe('invalid_period')
    expect(await page.isDisabled('[data-action="run-import"]')).toBe(true)

    const good = join(tmpdir(), `cg-import-good-${process.pid}.csv`)
    writeFileSync(good, `מדד,תקופה,שותף,ערך\n${FUNDS},2023,foundation,900000\n${FUNDS},2024,foundation,950000\n`)
    await page.setInputFiles('.import-dialog input[type="file"]', good)
    await page.click('[data-action="dry-run"]')
    await page.waitForSelector('.import-form__report[data-result="checked"]')
    await page.click('[data-action="run-import"]')
    await page.waitForSelector('.import-form__report[data-result="imported"]')
    const listed = await apiAs<MeasurementListAnswer>(page.context(), harness.url, 'GET', `/api/initiatives/${DEMO_INITIATIVE}/measurements`)
    const imported = listed.measurements.filter((m) => m.indicatorId === FUNDS && m.partnerId === 'foundation').map((m) => [m.period, m.value])
    expect(imported).toEqual(
      expect.arrayContaining([
        ['2023', 900_000],
        ['2024', 950_000],
      ]),
    )
  })

  it('imports the first sheet of an Excel workbook', async () => {
    const { page } = await harness.open({ name: DEMO.backbone.name, color: '#3538cd', email: DEMO.backbone.email, language: 'he' }, SECTION)
    await openSheet(page)
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('ערכים')
    sheet.addRow(['מדד', 'תקופה', 'שותף', 'ערך'])
    sheet.addRow([FUNDS, 2021, 'foundation', 700000])
    const file = join(tmpdir(), `cg-import-${process.pid}.xlsx`)
    await workbook.xlsx.writeFile(file)
    await page.click('[data-action="import"]')
    await page.setInputFiles('.import-dialog input[type="file"]', file)
    await page.waitForSelector('.import-form__preview')
    await page.click('[data-action="dry-run"]')
    await page.waitForSelector('.import-form__report[data-result="checked"]')
    await page.click('[data-action="run-import"]')
    await page.waitForSelector('.import-form__report[data-result="imported"]')
    const listed = await apiAs<MeasurementListAnswer>(page.context(), harness.url, 'GET', `/api/initiatives/${DEMO_INITIATIVE}/measurements`)
    expect(listed.measurements.find((m) => m.indicatorId === FUNDS && m.partnerId === 'foundation' && m.period === '2021')?.value).toBe(700_000)
  })
})
