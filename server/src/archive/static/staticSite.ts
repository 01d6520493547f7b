// The static report card (docs/archive.md): the PUBLISHED report card of an initiative as a
// folder of plain files that open from file:// or any static host, with no server and no script —
// index.html (English) and he/index.html (Hebrew, dir=rtl), style.css (with a print stylesheet),
// each indicator's chart as an SVG image per language, the data as CSV and JSON; on request the
// common agenda as a read view (agenda.html, he/agenda.html). `buildStaticSite` is pure (the
// report card answer in, the files out); `writeStaticSite` starts the server in-process on a
// stopped data directory, reads what the public reads, and writes the folder atomically.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import Papa from 'papaparse'
import * as Y from 'yjs'
import { EDITOR_FRAGMENT, reportCardAnswer, type CardIndicator, type ReportCardAnswer } from '@common-ground/domain'
import type { Logger } from '../../logger.ts'
import { startServer } from '../../startServer.ts'
import { ArchiveError } from '../format.ts'
import { agendaHtml } from './agendaHtml.ts'
import { STATIC_LANGUAGES, translator, type StaticLanguage, type StaticStringKey } from './strings.ts'
import { STATIC_CSS } from './style.ts'
import { escapeXml as esc, indicatorChartSvg } from './svgChart.ts'

export const STATIC_FORMAT = 'common-ground-static-report-card'
export const STATIC_VERSION = 1

export interface StaticSiteInput {
  initiative: { id: string; name: string; description: string; geography: string; languages: readonly string[] }
  partners: readonly { id: string; name: string }[]
  reportCard: ReportCardAnswer
  /** The agenda document's editor fragment, for `--with-agenda`. */
  agenda?: Y.XmlFragment | null
  generatedAt: Date
}

export interface StaticFile {
  path: string
  content: string
}

type T = (key: StaticStringKey, values?: Record<string, string | number>) => string

const pagePath = (language: StaticLanguage, page: 'index' | 'agenda') => (language === 'en' ? `${page}.html` : `${language}/${page}.html`)
const rootOf = (language: StaticLanguage) => (language === 'en' ? '' : '../')
const chartPath = (indicatorId: string, language: StaticLanguage) => `charts/${indicatorId}.${language}.svg`

function formatNumber(value: number, language: string, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2, ...options }).format(value)
}

function withUnit(number: string, unit: string): string {
  if (!unit) return number
  return /^\p{Sc}$/u.test(unit) ? `${unit}${number}` : `${number} ${unit}`
}

/** A value as its indicator reads: `68%`, `3,890 children`, `₪2,000,000`, `Yes`. */
function formatValue(value: number, indicator: CardIndicator, language: string, t: T): string {
  switch (indicator.valueType) {
    case 'percent':
      return formatNumber(value / 100, language, { style: 'percent', maximumFractionDigits: 1 })
    case 'boolean':
      return value ? t('yes') : t('no')
    case 'currency':
      return withUnit(formatNumber(value, language, { maximumFractionDigits: 0 }), indicator.unit)
    default:
      return withUnit(formatNumber(value, language), indicator.unit)
  }
}

function formatChange(change: number, indicator: CardIndicator, language: string, t: T): string {
  const signed = formatNumber(change, language, { maximumFractionDigits: indicator.valueType === 'currency' ? 0 : 1, signDisplay: 'exceptZero' })
  if (indicator.valueType === 'percent') return t('points', { value: signed })
  if (indicator.valueType === 'boolean') return signed
  return withUnit(signed, indicator.unit)
}

const formatDate = (iso: string, language: string) => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso))

function page(options: { language: StaticLanguage; title: string; current: 'index' | 'agenda'; withAgenda: boolean; body: string; generatedAt: Date }): string {
  const { language, current } = options
  const t = translator(language)
  const root = rootOf(language)
  const languageLinks = STATIC_LANGUAGES.map((other) => {
    const name = translator(other)('languageName')
    if (other === language) return `<span lang="${other}" aria-current="page">${esc(name)}</span>`
    const href = `${root}${pagePath(other, current)}`
    return `<a href="${href}" lang="${other}" hreflang="${other}">${esc(name)}</a>`
  }).join(' ')
  const pages = options.withAgenda
    ? `<nav class="pages" aria-label="${esc(t('title'))}">${(['index', 'agenda'] as const)
        .map((p) => {
          const label = t(p === 'index' ? 'reportCardLink' : 'agendaLink')
          return p === current ? `<span aria-current="page">${esc(label)}</span>` : `<a href="${root}${pagePath(language, p)}">${esc(label)}</a>`
        })
        .join(' ')}</nav>`
    : ''
  return `<!doctype html>
<html lang="${language}" dir="${language === 'he' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Common Ground (${STATIC_FORMAT} ${STATIC_VERSION})">
<title>${esc(options.title)}</title>
<link rel="stylesheet" href="${root}style.css">
</head>
<body>
<header class="site-header">
<nav class="languages" aria-label="${esc(t('languages'))}">${languageLinks}</nav>
${pages}
</header>
<main>
${options.body}
</main>
<footer class="site-footer"><p>${esc(t('generated', { date: formatDate(options.generatedAt.toISOString(), language) }))}</p><p class="screen-only">${esc(t('print'))}</p></footer>
</body>
</html>
`
}

function indicatorCard(indicator: CardIndicator, language: StaticLanguage, t: T, partners: Map<string, string>): string {
  const root = rootOf(language)
  const v = (value: number) => formatValue(value, indicator, language, t)
  const figures: [string, string][] = [[t('latest'), indicator.latest ? `${v(indicator.latest.value)} (${indicator.latest.period})` : t('noValue')]]
  if (indicator.baseline) figures.push([t('baseline'), `${v(indicator.baseline.value)} (${indicator.baseline.period})`])
  if (indicator.target)
    figures.push([
      t('target'),
      `${v(indicator.target.value)}${indicator.target.upper !== undefined ? `–${v(indicator.target.upper)}` : ''} (${indicator.target.period})`,
    ])
  if (indicator.changeSinceBaseline !== null) figures.push([t('change'), formatChange(indicator.changeSinceBaseline, indicator, language, t)])
  if (indicator.progress !== null) figures.push([t('progress'), formatNumber(indicator.progress, language, { style: 'percent', maximumFractionDigits: 0 })])
  const rows = indicator.series.map((o) => `<tr><th scope="row">${esc(o.period)}</th><td><bdi>${esc(v(o.value))}</bdi></td></tr>`).join('')
  const owner = indicator.ownerPartnerId ? partners.get(indicator.ownerPartnerId) : undefined
  return `<article class="card" data-indicator="${esc(indicator.id)}" data-status="${indicator.status}" data-trend="${indicator.trend}" data-freshness="${indicator.freshness}">
<h3 class="card__name" dir="auto">${esc(indicator.name)}</h3>
${indicator.definition ? `<p class="card__definition" dir="auto">${esc(indicator.definition)}</p>` : ''}
<p class="pills"><span class="pill pill--${indicator.status}">${esc(t(`status.${indicator.status}`))}</span> <span class="pill">${esc(t(`trend.${indicator.trend}`))}</span> <span class="pill pill--fresh-${indicator.freshness}">${esc(t(`freshness.${indicator.freshness}`))}</span>${indicator.targetMet ? ` <span class="pill pill--on_track">${esc(t('targetMet'))}</span>` : ''}</p>
${indicator.valid ? '' : `<p class="notice">${esc(t('incomplete'))}</p>`}
<dl class="figures">${figures.map(([k, val]) => `<div><dt>${esc(k)}</dt><dd><bdi>${esc(val)}</bdi></dd></div>`).join('')}</dl>
<figure class="chart"><img src="${root}${chartPath(indicator.id, language)}" alt="${esc(t('chartAlt', { name: indicator.name }))}" width="560" height="240"></figure>
${
  indicator.series.length > 0
    ? `<table class="data-table"><caption dir="auto">${esc(t('tableCaption', { name: indicator.name }))}</caption><thead><tr><th scope="col">${esc(t('period'))}</th><th scope="col">${esc(t('value'))}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="muted">${esc(t('noSeries'))}</p>`
}
<p class="muted">${[
    t('due', { period: indicator.duePeriod }),
    ...(indicator.dataSource ? [t('source', { source: indicator.dataSource })] : []),
    ...(owner ? [t('owner', { partner: owner })] : []),
  ]
    .map(esc)
    .join(' · ')}</p>
</article>`
}

function reportCardBody(input: StaticSiteInput, language: StaticLanguage): string {
  const t = translator(language)
  const card = input.reportCard
  const root = rootOf(language)
  const partners = new Map(input.partners.map((p) => [p.id, p.name]))
  const out: string[] = []
  out.push(`<p class="eyebrow">${esc(t('eyebrow'))}</p>`)
  out.push(`<h1 dir="auto">${esc(input.initiative.name)}</h1>`)
  out.push(`<p class="lede">${esc(t('title'))}${input.initiative.geography ? ` · <span dir="auto">${esc(input.initiative.geography)}</span>` : ''}</p>`)
  if (input.initiative.description) out.push(`<p class="description" dir="auto">${esc(input.initiative.description)}</p>`)
  out.push(
    `<p class="as-of">${esc(t('asOf', { date: formatDate(card.asOf, language) }))} · ${esc(card.dataAsOf ? t('dataAsOf', { date: formatDate(card.dataAsOf, language) }) : t('noApprovedData'))}</p>`,
  )
  out.push(
    `<section class="headline"><p class="headline__trend">${esc(t('trending', { count: card.headline.trendingRight, total: card.headline.withTrend }))}</p><p class="headline__track">${esc(t('onTrack', { count: card.headline.onTrack, total: card.headline.withStatus }))}</p></section>`,
  )
  out.push(`<p class="muted">${esc(t('approvedOnly'))}</p>`)
  if (card.goals.length === 0 && card.unassigned.length === 0) out.push(`<p>${esc(t('empty'))}</p>`)
  for (const goal of card.goals) {
    out.push(`<section class="goal" data-goal="${esc(goal.id)}">`)
    out.push(`<h2 dir="auto">${esc(goal.statement)}</h2>`)
    if (goal.population) out.push(`<p class="muted" dir="auto">${esc(t('population', { population: goal.population }))}</p>`)
    out.push(`<p class="goal__headline">${esc(t('trending', { count: goal.headline.trendingRight, total: goal.headline.withTrend }))}</p>`)
    out.push(`<div class="cards">${goal.indicators.map((i) => indicatorCard(i, language, t, partners)).join('\n')}</div>`)
    out.push('</section>')
  }
  if (card.unassigned.length > 0) {
    out.push(`<section class="goal" data-goal="">`)
    out.push(`<h2>${esc(t('unassigned'))}</h2>`)
    out.push(`<div class="cards">${card.unassigned.map((i) => indicatorCard(i, language, t, partners)).join('\n')}</div>`)
    out.push('</section>')
  }
  out.push(`<section class="data" id="data"><h2>${esc(t('dataTitle'))}</h2><p>${esc(t('dataDescription'))}</p><ul>
<li><a href="${root}data/indicators.csv" data-file="indicators.csv">${esc(t('dataIndicatorsCsv'))}</a></li>
<li><a href="${root}data/values.csv" data-file="values.csv">${esc(t('dataValuesCsv'))}</a></li>
<li><a href="${root}data/report-card.json" data-file="report-card.json">${esc(t('dataJson'))}</a></li>
</ul></section>`)
  return out.join('\n')
}

const allIndicators = (card: ReportCardAnswer): CardIndicator[] => [...card.goals.flatMap((g) => g.indicators), ...card.unassigned]

const csv = (rows: Record<string, unknown>[], fields: string[]) =>
  `\uFEFF${Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) }, { newline: '\r\n' })}\r\n`

function indicatorsCsv(card: ReportCardAnswer, partners: Map<string, string>): string {
  const goalOf = new Map(card.goals.map((g) => [g.id, g.statement]))
  const rows = allIndicators(card).map((i) => ({
    goal_id: i.goalId ?? '',
    goal: i.goalId ? (goalOf.get(i.goalId) ?? '') : '',
    indicator_id: i.id,
    indicator: i.name,
    value_type: i.valueType,
    unit: i.unit,
    polarity: i.polarity,
    baseline_period: i.baseline?.period,
    baseline_value: i.baseline?.value,
    latest_period: i.latest?.period,
    latest_value: i.latest?.value,
    target_period: i.target?.period,
    target_value: i.target?.value,
    target_upper: i.target?.upper,
    change_since_baseline: i.changeSinceBaseline,
    progress: i.progress,
    trend: i.trend,
    status: i.status,
    freshness: i.freshness,
    due_period: i.duePeriod,
    data_source: i.dataSource,
    owner: i.ownerPartnerId ? (partners.get(i.ownerPartnerId) ?? i.ownerPartnerId) : '',
  }))
  return csv(rows, Object.keys(rows[0] ?? { indicator_id: '' }))
}

function valuesCsv(card: ReportCardAnswer, partners: Map<string, string>): string {
  const rows: Record<string, unknown>[] = []
  for (const i of allIndicators(card)) {
    for (const o of i.series) rows.push({ indicator_id: i.id, indicator: i.name, period: o.period, value: o.value, unit: i.unit })
    for (const p of i.byPartner)
      for (const o of p.series)
        rows.push({ indicator_id: i.id, indicator: i.name, period: o.period, value: o.value, unit: i.unit, partner: partners.get(p.partnerId) ?? p.partnerId })
    for (const d of i.disaggregated)
      for (const c of d.categories)
        for (const o of c.series)
          rows.push({ indicator_id: i.id, indicator: i.name, period: o.period, value: o.value, unit: i.unit, dimension: d.dimension, category: c.category })
  }
  return csv(rows, ['indicator_id', 'indicator', 'period', 'value', 'unit', 'partner', 'dimension', 'category'])
}

/** Every file of the static site, paths relative to its folder. */
export function buildStaticSite(input: StaticSiteInput): StaticFile[] {
  const files: StaticFile[] = []
  const withAgenda = input.agenda != null
  const partners = new Map(input.partners.map((p) => [p.id, p.name]))
  files.push({ path: 'style.css', content: STATIC_CSS })
  for (const language of STATIC_LANGUAGES) {
    const t = translator(language)
    files.push({
      path: pagePath(language, 'index'),
      content: page({
        language,
        current: 'index',
        withAgenda,
        generatedAt: input.generatedAt,
        title: `${input.initiative.name} — ${t('title')}`,
        body: reportCardBody(input, language),
      }),
    })
    for (const indicator of allIndicators(input.reportCard)) {
      files.push({
        path: chartPath(indicator.id, language),
        content: indicatorChartSvg(indicator, {
          language,
          rtl: language === 'he',
          labels: {
            title: t('chartAlt', { name: indicator.name }),
            actual: t('chartActual'),
            baseline: t('baseline'),
            target: t('target'),
            projection: t('chartProjection'),
          },
        }),
      })
    }
    if (input.agenda) {
      const body = `<p class="eyebrow">${esc(t('eyebrow'))}</p>
<h1 dir="auto">${esc(input.initiative.name)}</h1>
<p class="lede">${esc(t('agendaTitle'))}</p>
<article class="agenda">
${agendaHtml(input.agenda, {
  goal: t('goal'),
  indicator: t('indicator'),
  glossaryTerm: t('glossaryTerm'),
  population: (population) => t('population', { population }),
  baseline: t('baseline'),
  target: t('target'),
  source: (source) => t('source', { source }),
})}
</article>`
      files.push({
        path: pagePath(language, 'agenda'),
        content: page({
          language,
          current: 'agenda',
          withAgenda,
          generatedAt: input.generatedAt,
          title: `${input.initiative.name} — ${t('agendaTitle')}`,
          body,
        }),
      })
    }
  }
  files.push({ path: 'data/indicators.csv', content: indicatorsCsv(input.reportCard, partners) })
  files.push({ path: 'data/values.csv', content: valuesCsv(input.reportCard, partners) })
  files.push({
    path: 'data/report-card.json',
    content:
      JSON.stringify(
        {
          format: STATIC_FORMAT,
          version: STATIC_VERSION,
          generatedAt: input.generatedAt.toISOString(),
          initiative: input.initiative,
          partners: input.partners,
          reportCard: input.reportCard,
        },
        null,
        2,
      ) + '\n',
  })
  return files
}

export interface StaticSiteSummary {
  dir: string
  files: number
  indicators: number
  agenda: boolean
}

/**
 * Writes the static report card of `initiativeId` from a stopped server's data directory into
 * `dir` (which must not exist, or be empty): the server is started in-process on the data
 * directory (it takes the data-dir lock), the public report card read as anyone reads it.
 */
export async function writeStaticSite(options: {
  dataDir: string
  initiativeId: string
  dir: string
  withAgenda?: boolean
  logger: Logger
  now?: Date
}): Promise<StaticSiteSummary> {
  const dir = path.resolve(options.dir)
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (existing && existing.length > 0) throw new ArchiveError('target_exists', `${dir} is not empty.`)
  const server = await startServer({ dataDir: options.dataDir, port: 0, host: '127.0.0.1', logger: options.logger, seedDemo: false })
  let input: StaticSiteInput
  try {
    const initiative = server.directory.initiative(options.initiativeId)
    if (!initiative) throw new ArchiveError('not_found', `No initiative ${JSON.stringify(options.initiativeId)} in this data directory.`)
    const answer = await fetch(`${server.url}/api/public/initiatives/${encodeURIComponent(initiative.id)}/report-card`)
    if (answer.status === 404) throw new ArchiveError('not_published', `The report card of ${initiative.id} is not published: publish it in Settings first.`)
    if (!answer.ok) throw new Error(`the report card: HTTP ${answer.status}`)
    const reportCard = reportCardAnswer.parse(await answer.json())
    let agenda: Y.XmlFragment | null = null
    if (options.withAgenda) {
      if (!initiative.published.includes('agenda'))
        throw new ArchiveError('not_published', `The agenda of ${initiative.id} is not published: publish it in Settings first.`)
      const loaded = await server.storage.load(`i/${initiative.id}/agenda`)
      const doc = new Y.Doc()
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
      for (const record of loaded.records) Y.applyUpdate(doc, record.update)
      agenda = doc.getXmlFragment(EDITOR_FRAGMENT)
    }
    input = {
      initiative: {
        id: initiative.id,
        name: initiative.name,
        description: initiative.description,
        geography: initiative.geography,
        languages: initiative.languages,
      },
      partners: server.directory.partners(initiative.id).map((p) => ({ id: p.id, name: p.name })),
      reportCard,
      agenda,
      generatedAt: options.now ?? new Date(),
    }
  } finally {
    await server.close()
  }
  const files = buildStaticSite(input)
  // Written beside the target and renamed into place: the folder is complete or absent.
  const temp = `${dir}.partial-${process.pid}-${Date.now()}`
  try {
    for (const file of files) {
      const target = path.join(temp, file.path)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, file.content)
    }
    if (existing) await rm(dir, { recursive: true })
    await mkdir(path.dirname(dir), { recursive: true })
    await rename(temp, dir)
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
  return { dir, files: files.length, indicators: allIndicators(input.reportCard).length, agenda: input.agenda != null }
}
