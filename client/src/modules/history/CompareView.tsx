// The compare of two versions: for rich text, the newer version in the document's own layout with
// insertions and deletions marked (underlined / struck through, in their author's colour, named
// on hover and for screen readers); for structured items, a table of changed fields, old → new.
import { Fragment, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CompareAnswer, ItemChangeView, TextRunView } from '@common-ground/domain'
import { authorSlots, cellLabel, fieldLabel, formatValue } from './documentTitles.ts'

interface Block {
  name: string
  op: TextRunView['op']
  runs: TextRunView[]
  /** The first block inside a list item (the item itself has no text of its own). */
  bullet?: boolean
}

/** Runs grouped into blocks: a run with `block` starts one. */
export function blocksOf(runs: readonly TextRunView[]): Block[] {
  const blocks: Block[] = []
  let current: Block | null = null
  for (const run of runs) {
    if (run.block !== undefined) {
      const open = current as Block | null
      const item: Block | undefined = open?.name === 'listItem' && open.runs.length === 0 ? blocks.pop() : undefined
      current = { name: run.block, op: item && item.op !== 'equal' ? item.op : run.op, runs: [], ...(item ? { bullet: true } : {}) }
      blocks.push(current)
      continue
    }
    if (!current) {
      current = { name: 'paragraph', op: 'equal', runs: [] }
      blocks.push(current)
    }
    current.runs.push(run)
  }
  return blocks
}

const changed = (block: Block) => block.op !== 'equal' || block.runs.some((r) => r.op !== 'equal')

function blockTag(name: string): 'p' | 'h3' | 'div' {
  if (name === 'heading') return 'h3'
  if (name === 'paragraph') return 'p'
  return 'div' // list items too (a bullet in CSS): their lists are not rebuilt here
}

/** Blocks that only hold other blocks (lists): no line of their own. */
const CONTAINERS = new Set(['bulletList', 'orderedList', 'blockquote'])

export function CompareView({
  answer,
  partnerNames,
  indicatorNames,
}: {
  answer: CompareAnswer
  partnerNames: ReadonlyMap<string, string>
  indicatorNames: ReadonlyMap<string, string>
}) {
  const { t } = useTranslation()
  const slots = useMemo(() => authorSlots(answer.authors.map((a) => a.userId)), [answer.authors])
  const nothing = answer.stats.inserted === 0 && answer.stats.deleted === 0 && answer.changes.length === 0
  return (
    <div className="compare stack">
      {answer.authors.length > 0 && (
        <ul className="compare__legend plain-list" aria-label={t('history.authors')}>
          {answer.authors.map((a) => (
            <li key={a.userId} className={`author-chip author-${slots.get(a.userId) ?? 0}`} dir="auto">
              {a.name}
            </li>
          ))}
        </ul>
      )}
      {nothing && <p className="muted">{t('history.noDifferences')}</p>}
      {answer.text && (answer.stats.inserted > 0 || answer.stats.deleted > 0) && (
        <>
          <p className="muted">{t('history.stats', { inserted: answer.stats.inserted, deleted: answer.stats.deleted })}</p>
          <TextCompare runs={answer.text} slots={slots} />
        </>
      )}
      {answer.changes.length > 0 && <ItemChanges changes={answer.changes} partnerNames={partnerNames} indicatorNames={indicatorNames} />}
    </div>
  )
}

function TextCompare({ runs, slots }: { runs: readonly TextRunView[]; slots: ReadonlyMap<string, number> }) {
  const { t } = useTranslation()
  const [onlyChanges, setOnlyChanges] = useState(true)
  const blocks = useMemo(() => blocksOf(runs), [runs])
  // Unchanged blocks collapse into one line per stretch (when asked to show only changes).
  const items: ({ type: 'block'; block: Block; key: number } | { type: 'gap'; count: number; key: number })[] = []
  blocks.forEach((block, i) => {
    if (CONTAINERS.has(block.name) && block.runs.length === 0) return
    if (!onlyChanges || changed(block)) items.push({ type: 'block', block, key: i })
    else {
      const last = items.at(-1)
      if (last?.type === 'gap') last.count++
      else items.push({ type: 'gap', count: 1, key: i })
    }
  })
  return (
    <div className="stack stack--tight">
      <label className="checkbox-inline">
        <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} /> {t('history.onlyChanges')}
      </label>
      <div className="compare__text" dir="auto" data-testid="compare-text">
        {items.map((item) => {
          if (item.type === 'gap')
            return (
              <p key={item.key} className="compare__gap muted">
                {t('history.unchangedBlocks', { count: item.count })}
              </p>
            )
          const Tag = blockTag(item.block.name)
          return (
            <Tag
              key={item.key}
              className={`compare__block compare__block--${item.block.op} compare__block--${item.block.name}${item.block.bullet ? ' compare__block--bullet' : ''}`}
              dir="auto"
            >
              {item.block.runs.map((run, j) => (
                <Run key={j} run={run} slot={run.author ? (slots.get(run.author.userId) ?? 0) : null} />
              ))}
            </Tag>
          )
        })}
      </div>
    </div>
  )
}

function Run({ run, slot }: { run: TextRunView; slot: number | null }) {
  const { t } = useTranslation()
  if (run.op === 'equal') return <span>{run.text}</span>
  const who = run.author
    ? t(run.op === 'insert' ? 'history.inserted' : 'history.deleted', { name: run.author.name })
    : t(run.op === 'insert' ? 'history.insertedAnon' : 'history.deletedAnon')
  const Tag = run.op === 'insert' ? 'ins' : 'del'
  return (
    <Tag className={slot === null ? undefined : `author-${slot}`} title={who} data-author={run.author?.name ?? ''}>
      <span className="sr-only">{who}: </span>
      {run.text}
    </Tag>
  )
}

function ItemChanges({
  changes,
  partnerNames,
  indicatorNames,
}: {
  changes: readonly ItemChangeView[]
  partnerNames: ReadonlyMap<string, string>
  indicatorNames: ReadonlyMap<string, string>
}) {
  const { t, i18n } = useTranslation()
  const exists = (key: string) => i18n.exists(key)
  return (
    <div className="table-wrap">
      <table className="table compare__items">
        <caption>{t('history.structuredTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.item')}</th>
            <th scope="col">{t('history.field')}</th>
            <th scope="col">{t('history.before')}</th>
            <th scope="col">{t('history.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <Fragment key={`${change.kind}:${change.id}`}>
              {change.fields.map((field, i) => (
                <tr key={field.field} data-item={change.id} data-change={change.change}>
                  {i === 0 && (
                    <th scope="row" rowSpan={change.fields.length} className="compare__item">
                      <span className="muted">
                        {t(`history.itemKinds.${change.kind}`)} · {t(`history.changeKinds.${change.change}`)}
                      </span>
                      <br />
                      <span dir="auto">{change.kind === 'cell' ? cellLabel(change.id, indicatorNames, partnerNames) : (change.label ?? change.id)}</span>
                    </th>
                  )}
                  <td>{fieldLabel(t, field.field, exists)}</td>
                  <td dir="auto">
                    <del>{formatValue(t, field.old, i18n.language, partnerNames, field.field)}</del>
                  </td>
                  <td dir="auto">
                    <ins>{formatValue(t, field.new, i18n.language, partnerNames, field.field)}</ins>
                  </td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  )
}
