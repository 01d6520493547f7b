// The static report card (docs/archive.md): `pnpm cg static <initiative> <dir> [--with-agenda]` on
// the demo data writes a folder of plain files — an English and a Hebrew (rtl) page with every
// published indicator, an SVG chart per indicator and language, the data as CSV and JSON equal
// to the public report card, and with --with-agenda the agenda as a read view; it refuses an
// unpublished report card, a non-empty folder, an unknown initiative and a running server.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { reportCardAnswer } from '@common-ground/domain'
import { silentLogger } from '@common-ground/server'
import { writeStaticSite } from '../../server/src/archive/static/staticSite.ts'
import { main } from '../../server/src/cli/cg.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { getJson, listFiles, makeTempDir, spawnServerProcess, startTestServer } from './helpers/server.ts'

useCleanup()

const DEMO = 'beer-sheva-c2c'

/** RFC 4180 rows (quoted fields with commas, quotes and newlines) as objects by the header row. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [[]]
  let field = ''
  let quoted = false
  const endField = () => {
    rows.at(-1)!.push(field.replace(/\r$/, ''))
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') endField()
    else if (ch === '\n') {
      endField()
      rows.push([])
    } else field += ch
  }
  if (field !== '' || rows.at(-1)!.length > 0) rows.at(-1)!.push(field)
  const [header, ...data] = rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '')
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])))
}

async function demoDataDir() {
  const source = await startTestServer({ seedDemo: true })
  const reportCard = reportCardAnswer.parse((await getJson(`${source.url}/api/public/initiatives/${DEMO}/report-card`)).body)
  await source.stop()
  return { dataDir: source.dataDir, reportCard, source }
}

async function refused(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as { code?: string },
  )
  expect(error).not.toBeNull()
  return error!.code ?? ''
}

describe('pnpm cg static', () => {
  it('writes the published report card as static pages, SVG charts, CSV and JSON, and the agenda on request', async () => {
    const { dataDir, reportCard } = await demoDataDir()
    const dir = path.join(await makeTempDir('cg-static-'), 'site')
    const lines: string[] = []
    const code = await main(['static', DEMO, dir, '--with-agenda', '--data-dir', dataDir], { ...process.env, INIT_CWD: process.cwd() }, (line) =>
      lines.push(line),
    )
    expect(code).toBe(0)
    expect(lines.join('\n')).toMatch(/wrote the static report card of beer-sheva-c2c .* with the agenda/)

    const indicators = [...reportCard.goals.flatMap((g) => g.indicators), ...reportCard.unassigned]
    expect(indicators.length).toBeGreaterThanOrEqual(5)
    const files = listFiles(dir).filter((f) => !f.endsWith('/'))
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'he/index.html',
        'agenda.html',
        'he/agenda.html',
        'style.css',
        'data/indicators.csv',
        'data/values.csv',
        'data/report-card.json',
      ]),
    )
    expect(readdirSync(path.dirname(dir)).filter((f) => f.includes('.partial'))).toEqual([])

    const en = readFileSync(path.join(dir, 'index.html'), 'utf8')
    const he = readFileSync(path.join(dir, 'he/index.html'), 'utf8')
    expect(en).toMatch(/<html lang="en" dir="ltr">/)
    expect(he).toMatch(/<html lang="he" dir="rtl">/)
    expect(en).toContain(`${reportCard.headline.trendingRight} of ${reportCard.headline.withTrend} indicators trending in the right direction`)
    expect(he).toContain(`${reportCard.headline.trendingRight} מתוך ${reportCard.headline.withTrend} מדדים מתקדמים בכיוון הנכון`)
    // Nothing points at a server: no absolute paths, no script.
    for (const html of [en, he]) {
      expect(html).not.toMatch(/(src|href)="\/(?!\/)/)
      expect(html).not.toMatch(/(src|href)="https?:/)
      expect(html).not.toContain('<script')
      expect(html).toMatch(/<link rel="stylesheet" href="(\.\.\/)?style\.css">/)
    }
    for (const indicator of indicators) {
      expect(en).toContain(`data-indicator="${indicator.id}"`)
      expect(en).toContain(`src="charts/${indicator.id}.en.svg"`)
      expect(he).toContain(`src="../charts/${indicator.id}.he.svg"`)
      for (const language of ['en', 'he']) {
        const svg = readFileSync(path.join(dir, 'charts', `${indicator.id}.${language}.svg`), 'utf8')
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
        expect(svg.trim().endsWith('</svg>')).toBe(true)
        if (indicator.series.length > 1) expect(svg).toContain('<polyline class="actual"')
        if (indicator.baseline) expect(svg).toContain('class="baseline"')
      }
    }
    // In Hebrew the time axis runs right to left: the oldest point is the rightmost.
    const readiness = indicators.find((i) => i.series.length > 2)!
    const xs = (language: string) =>
      [...readFileSync(path.join(dir, 'charts', `${readiness.id}.${language}.svg`), 'utf8').matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(xs('en')[0]!).toBeLessThan(xs('en').at(-1)!)
    expect(xs('he')[0]!).toBeGreaterThan(xs('he').at(-1)!)
    expect(readFileSync(path.join(dir, 'style.css'), 'utf8')).toContain('@media print')

    // The data: the JSON is the public report card; the CSVs hold every indicator and every approved value.
    const json = JSON.parse(readFileSync(path.join(dir, 'data/report-card.json'), 'utf8'))
    expect(json.format).toBe('common-ground-static-report-card')
    expect({ ...json.reportCard, asOf: null }).toEqual({ ...reportCard, asOf: null })
    const indicatorsCsv = readFileSync(path.join(dir, 'data/indicators.csv'), 'utf8')
    expect(indicatorsCsv.startsWith('\uFEFF')).toBe(true)
    const rows = parseCsv(indicatorsCsv.slice(1))
    expect(rows.map((r) => r.indicator_id).sort()).toEqual(indicators.map((i) => i.id).sort())
    const values = parseCsv(readFileSync(path.join(dir, 'data/values.csv'), 'utf8').slice(1))
    const wide = values.filter((r) => r.partner === '' && r.dimension === '')
    expect(wide.length).toBe(indicators.reduce((n, i) => n + i.series.length, 0))
    expect(wide.find((r) => r.indicator_id === readiness.id && r.period === readiness.series[0]!.period)?.value).toBe(String(readiness.series[0]!.value))

    // The agenda as a read view: its text, its goals, indicators and glossary terms.
    const agenda = readFileSync(path.join(dir, 'agenda.html'), 'utf8')
    const heAgenda = readFileSync(path.join(dir, 'he/agenda.html'), 'utf8')
    expect(heAgenda).toMatch(/<html lang="he" dir="rtl">/)
    expect(agenda).toContain('The problem we share')
    expect(agenda).toContain('class="block block--goal"')
    expect(agenda).toContain('class="block block--indicator"')
    expect(agenda).toContain('class="block block--term"')
    expect(agenda).toContain(reportCard.goals[0]!.statement.replace(/'/g, '&#39;').replace(/&(?!#39;)/g, '&amp;'))
    expect(en).toContain('href="agenda.html"')
    expect(he).toContain('href="../he/agenda.html"')
    expect(he).toContain('href="../index.html" lang="en"')
  })

  it('refuses an unpublished report card or agenda, a non-empty folder, an unknown initiative and a running server', async () => {
    const { dataDir, source } = await demoDataDir()
    const parent = await makeTempDir('cg-static-')
    const nonEmpty = path.join(parent, 'full')
    await mkdir(nonEmpty)
    await writeFile(path.join(nonEmpty, 'keep.txt'), 'mine')
    expect(await refused(writeStaticSite({ dataDir, initiativeId: DEMO, dir: nonEmpty, logger: silentLogger }))).toBe('target_exists')
    expect(readFileSync(path.join(nonEmpty, 'keep.txt'), 'utf8')).toBe('mine')
    expect(await refused(writeStaticSite({ dataDir, initiativeId: 'nope', dir: path.join(parent, 'a'), logger: silentLogger }))).toBe('not_found')

    // A server process running on the data directory holds its lock.
    const other = await spawnServerProcess(dataDir)
    expect(await refused(writeStaticSite({ dataDir, initiativeId: DEMO, dir: path.join(parent, 'b'), logger: silentLogger }))).toBe('data_dir_locked')
    process.kill(other.pid, 'SIGTERM')
    await other.exited
    const running = await startTestServer({ dataDir })
    const backbone = running.directory.members(DEMO).find((m) => m.role === 'backbone')!
    await running.directory.setPublished(DEMO, 'agenda', false, { userId: backbone.userId, ip: null })
    await running.stop()
    expect(await refused(writeStaticSite({ dataDir, initiativeId: DEMO, dir: path.join(parent, 'c'), withAgenda: true, logger: silentLogger }))).toBe(
      'not_published',
    )
    // Without the agenda the report card alone is still written.
    const site = await writeStaticSite({ dataDir, initiativeId: DEMO, dir: path.join(parent, 'd'), logger: silentLogger })
    expect(site.agenda).toBe(false)
    expect(existsSync(path.join(parent, 'd', 'agenda.html'))).toBe(false)
    expect(readFileSync(path.join(parent, 'd', 'index.html'), 'utf8')).not.toContain('agenda.html')

    const again = await startTestServer({ dataDir })
    await again.directory.setPublished(DEMO, 'reportCard', false, { userId: backbone.userId, ip: null })
    await again.stop()
    expect(await refused(writeStaticSite({ dataDir, initiativeId: DEMO, dir: path.join(parent, 'e'), logger: silentLogger }))).toBe('not_published')
    for (const name of ['a', 'b', 'c', 'e']) expect(existsSync(path.join(parent, name)), name).toBe(false)
    expect(source.dataDir).toBe(dataDir)
  })
})
