// The common agenda as a read view: the agenda document's Yjs fragment (as TipTap writes it)
// rendered to plain HTML — headings, paragraphs, lists, quotes, code, bold / italic / links —
// and its structured blocks (goals, indicators, glossary terms) as labelled cards. Unknown
// nodes keep their text. Every text is escaped; links keep only http(s) and mailto addresses.
import * as Y from 'yjs'
import { AGENDA_BLOCK_NODES } from '@common-ground/domain'
import { escapeXml as esc } from './svgChart.ts'

export interface AgendaLabels {
  goal: string
  indicator: string
  glossaryTerm: string
  population: (population: string) => string
  baseline: string
  target: string
  source: (source: string) => string
}

const SAFE_HREF = /^(https?:|mailto:)/i

function textHtml(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
    .map(({ insert, attributes }) => {
      if (typeof insert !== 'string') return ''
      let html = esc(insert)
      const a = attributes ?? {}
      if (a.code) html = `<code>${html}</code>`
      if (a.bold) html = `<strong>${html}</strong>`
      if (a.italic) html = `<em>${html}</em>`
      if (a.underline) html = `<u>${html}</u>`
      if (a.strike) html = `<s>${html}</s>`
      const link = a.link as { href?: unknown } | undefined
      if (link && typeof link.href === 'string' && SAFE_HREF.test(link.href)) html = `<a href="${esc(link.href)}">${html}</a>`
      return html
    })
    .join('')
}

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '')

function blockHtml(element: Y.XmlElement, labels: AgendaLabels): string {
  const a = element.getAttributes() as Record<string, unknown>
  switch (element.nodeName) {
    case AGENDA_BLOCK_NODES.goal:
      return `<section class="block block--goal" data-block="${esc(str(a.id))}"><p class="block__kind">${esc(labels.goal)}</p><h3 dir="auto">${esc(str(a.statement))}</h3>${
        str(a.population) ? `<p dir="auto">${esc(labels.population(str(a.population)))}</p>` : ''
      }</section>`
    case AGENDA_BLOCK_NODES.indicator: {
      const baseline = a.baseline as { value?: unknown; period?: unknown } | null | undefined
      const targets = Array.isArray(a.targets) ? (a.targets as { value?: unknown; upper?: unknown; period?: unknown }[]) : []
      const facts: string[] = []
      if (baseline && baseline.value !== undefined)
        facts.push(`<dt>${esc(labels.baseline)}</dt><dd dir="auto">${esc(`${str(baseline.value)} (${str(baseline.period)})`)}</dd>`)
      for (const t of targets)
        facts.push(
          `<dt>${esc(labels.target)}</dt><dd dir="auto">${esc(`${str(t.value)}${t.upper !== undefined ? `–${str(t.upper)}` : ''} (${str(t.period)})`)}</dd>`,
        )
      return `<section class="block block--indicator" data-block="${esc(str(a.id))}"><p class="block__kind">${esc(labels.indicator)}</p><h4 dir="auto">${esc(str(a.name))}</h4>${
        str(a.definition) ? `<p dir="auto">${esc(str(a.definition))}</p>` : ''
      }${facts.length ? `<dl>${facts.join('')}</dl>` : ''}${str(a.dataSource) ? `<p class="muted" dir="auto">${esc(labels.source(str(a.dataSource)))}</p>` : ''}</section>`
    }
    case AGENDA_BLOCK_NODES.glossaryTerm:
      return `<section class="block block--term" data-block="${esc(str(a.id))}"><p class="block__kind">${esc(labels.glossaryTerm)}</p><dl><dt dir="auto">${esc(str(a.term))}</dt><dd dir="auto">${esc(str(a.definition))}</dd></dl></section>`
    default:
      return ''
  }
}

function nodeHtml(node: Y.XmlElement | Y.XmlText | Y.XmlHook, labels: AgendaLabels): string {
  if (node instanceof Y.XmlText) return textHtml(node)
  if (!(node instanceof Y.XmlElement)) return ''
  const inner = () =>
    node
      .toArray()
      .map((child) => nodeHtml(child as Y.XmlElement | Y.XmlText, labels))
      .join('')
  switch (node.nodeName) {
    case 'paragraph':
      return `<p dir="auto">${inner()}</p>`
    case 'heading': {
      const level = Math.min(6, Math.max(2, Number(node.getAttribute('level') ?? 2) + 1))
      return `<h${level} dir="auto">${inner()}</h${level}>`
    }
    case 'bulletList':
      return `<ul dir="auto">${inner()}</ul>`
    case 'orderedList':
      return `<ol dir="auto">${inner()}</ol>`
    case 'listItem':
      return `<li dir="auto">${inner()}</li>`
    case 'blockquote':
      return `<blockquote dir="auto">${inner()}</blockquote>`
    case 'codeBlock':
      return `<pre dir="ltr"><code>${inner()}</code></pre>`
    case 'horizontalRule':
      return '<hr>'
    case 'hardBreak':
      return '<br>'
    case AGENDA_BLOCK_NODES.goal:
    case AGENDA_BLOCK_NODES.indicator:
    case AGENDA_BLOCK_NODES.glossaryTerm:
      return blockHtml(node, labels)
    default:
      return `<div dir="auto">${inner()}</div>`
  }
}

/** The agenda fragment's content as HTML. */
export function agendaHtml(fragment: Y.XmlFragment, labels: AgendaLabels): string {
  return fragment
    .toArray()
    .map((node) => nodeHtml(node as Y.XmlElement | Y.XmlText, labels))
    .join('\n')
}
