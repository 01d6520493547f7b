// The measurement grid: rows = indicator × reporter (and categories when expanded), columns = the
// periods of each frequency. One tab stop (an ARIA grid with an active cell); arrow keys, Enter,
// Tab move; typing replaces; Escape cancels; Delete clears; a pasted tab-separated block fills
// several cells. Only the lines in view are rendered, so a few thousand rows stay fast.
import { useEffect, useLayoutEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { cellKey, readNumber, type CellCoordinates, type Measurement, type MeasurementRecord } from '@common-ground/domain'
import type { TFunction } from 'i18next'
import { cellAt, inRange, move, parsePaste, pasteTargets, rangeOf, visibleWindow, type GridLine, type GridRow, type Position } from './gridModel.ts'
import { formatNumber, WORKFLOW_SYMBOL, workflowOf } from './labels.ts'
import type { CellFields } from './useSheet.ts'
import { periodLabel } from './periodLabel.ts'

const LINE_HEIGHT = 44

export interface Selection {
  anchor: Position
  focus: Position
}

export interface SheetGridProps {
  lines: GridLine[]
  records: ReadonlyMap<string, MeasurementRecord>
  server: ReadonlyMap<string, Measurement>
  rawValue: (key: string) => unknown
  canEdit: (row: GridRow) => boolean
  write: (changes: { at: CellCoordinates; fields: CellFields }[]) => void
  partnerName: (id: string) => string
  selection: Selection
  onSelect: (selection: Selection) => void
  expanded: ReadonlySet<string>
  onToggle: (rowId: string) => void
  columns: number
}

/** What a typed text writes: a number when it reads as one, else the text (the cell then shows not_a_number). */
export function fieldsFor(text: string, row: GridRow): CellFields {
  const n = readNumber(text)
  return { value: typeof n === 'number' ? n : text.trim(), definitionVersion: row.indicator.version, status: 'draft' }
}

export function SheetGrid(props: SheetGridProps) {
  const { lines, selection, onSelect, columns } = props
  const { t, i18n } = useTranslation()
  const rtl = i18n.dir(i18n.language) === 'rtl'
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(600)
  const [editing, setEditing] = useState<{ text: string } | null>(null)

  const rows = lines.flatMap((line) => (line.type === 'row' ? [line.row] : []))
  const lineOfRow: number[] = []
  lines.forEach((line, index) => line.type === 'row' && lineOfRow.push(index))
  const focusRow = rows[selection.focus.row]
  const range = rangeOf(selection.anchor, selection.focus)

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    setViewport(element.clientHeight || 600)
  }, [])

  // Keep the active cell in view.
  useEffect(() => {
    const element = scroller.current
    const line = lineOfRow[selection.focus.row]
    if (!element || line === undefined) return
    const top = line * LINE_HEIGHT
    const header = LINE_HEIGHT
    if (top - header < element.scrollTop) element.scrollTop = Math.max(0, top - header)
    else if (top + LINE_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + LINE_HEIGHT - element.clientHeight
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selection.focus.row])

  const select = (focus: Position, extend = false) => onSelect({ anchor: extend ? selection.anchor : focus, focus })
  const focusCell = focusRow ? cellAt(focusRow, selection.focus.column) : null

  const commit = (text: string) => {
    setEditing(null)
    if (!focusRow || !focusCell || !props.canEdit(focusRow)) return
    const current = props.rawValue(cellKey(focusCell))
    if (String(current ?? '') === text.trim()) return
    props.write([{ at: focusCell, fields: fieldsFor(text, focusRow) }])
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return
    if (event.key === 'Escape') return
    if ((event.key === 'Enter' || event.key === 'F2') && focusRow && props.canEdit(focusRow) && !event.shiftKey) {
      event.preventDefault()
      const raw = focusCell ? props.rawValue(cellKey(focusCell)) : ''
      setEditing({ text: raw === undefined || raw === null ? '' : String(raw) })
      return
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && !event.ctrlKey && !event.metaKey) {
      event.preventDefault()
      const changes: { at: CellCoordinates; fields: CellFields }[] = []
      for (let r = range.top; r <= range.bottom; r++) {
        const row = rows[r]
        if (!row || !props.canEdit(row)) continue
        for (let c = range.first; c <= range.last; c++) {
          const at = cellAt(row, c)
          if (at && props.records.has(cellKey(at))) changes.push({ at, fields: { value: '', status: 'draft', definitionVersion: row.indicator.version } })
        }
      }
      props.write(changes)
      return
    }
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && focusRow && props.canEdit(focusRow)) {
      event.preventDefault()
      setEditing({ text: event.key })
      return
    }
    const next = move(selection.focus, event, rows.length, columns, rtl)
    if (!next) return
    event.preventDefault()
    select(next, event.shiftKey && event.key.startsWith('Arrow'))
  }

  const onEditorKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation()
    if (event.key === 'Escape') {
      event.preventDefault()
      setEditing(null)
      scroller.current?.focus()
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault()
      commit(event.currentTarget.value)
      const next = move(selection.focus, event, rows.length, columns, rtl)
      if (next) select(next)
      scroller.current?.focus()
    }
  }

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (editing) return
    const block = parsePaste(event.clipboardData.getData('text/plain'))
    if (block.length === 0) return
    event.preventDefault()
    const at = { row: range.top, column: range.first }
    const changes: { at: CellCoordinates; fields: CellFields }[] = []
    for (const target of pasteTargets(block, at, rows.length, columns)) {
      const row = rows[target.position.row]!
      const cell = cellAt(row, target.position.column)
      if (cell && props.canEdit(row)) changes.push({ at: cell, fields: fieldsFor(target.text, row) })
    }
    props.write(changes)
    const last = block.length - 1
    const width = Math.max(...block.map((r) => r.length)) - 1
    onSelect({ anchor: at, focus: { row: Math.min(rows.length - 1, at.row + last), column: Math.min(columns - 1, at.column + width) } })
  }

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    if (editing) return
    const text: string[] = []
    for (let r = range.top; r <= range.bottom; r++) {
      const row = rows[r]
      if (!row) continue
      const cells: string[] = []
      for (let c = range.first; c <= range.last; c++) {
        const at = cellAt(row, c)
        const raw = at ? props.rawValue(cellKey(at)) : ''
        cells.push(raw === undefined || raw === null ? '' : String(raw))
      }
      text.push(cells.join('\t'))
    }
    event.clipboardData.setData('text/plain', text.join('\n'))
    event.preventDefault()
  }

  const window = visibleWindow(lines.length, LINE_HEIGHT, scrollTop, viewport)
  const activeId = focusCell ? `cell-${selection.focus.row}-${selection.focus.column}` : undefined
  let dataRow = lines.slice(0, window.start).filter((l) => l.type === 'row').length

  return (
    <div
      ref={scroller}
      className="sheet-grid"
      role="grid"
      aria-label={t('measurement.sheet.gridLabel')}
      aria-rowcount={lines.length}
      aria-colcount={columns + 1}
      aria-activedescendant={activeId}
      aria-multiselectable="true"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
      onCopy={onCopy}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      style={{ ['--sheet-columns' as string]: columns }}
    >
      <div style={{ blockSize: window.start * LINE_HEIGHT }} aria-hidden="true" />
      {lines.slice(window.start, window.end).map((line, i) => {
        const index = window.start + i
        if (line.type === 'header') {
          return (
            <div key={line.id} role="row" aria-rowindex={index + 1} className="sheet-grid__line sheet-grid__line--header">
              <div role="columnheader" className="sheet-grid__rowhead">
                {t(`measurement.frequency.${line.frequency}`)}
              </div>
              {line.periods.map((period) => (
                <div key={period.id} role="columnheader" className="sheet-grid__colhead" data-period={period.id}>
                  {periodLabel(period.id, i18n.language, t)}
                </div>
              ))}
            </div>
          )
        }
        const row = line.row
        const r = dataRow++
        return (
          <div
            key={row.id}
            role="row"
            aria-rowindex={index + 1}
            className={`sheet-grid__line sheet-grid__line--depth${row.depth}`}
            data-indicator={row.indicator.id}
            data-partner={row.partnerId}
            data-category={row.category || undefined}
          >
            <RowHeader row={row} partnerName={props.partnerName} expanded={props.expanded.has(row.id)} onToggle={props.onToggle} t={t} />
            {row.periods.map((period, c) => {
              const at = cellAt(row, c)!
              const key = cellKey(at)
              const record = props.records.get(key)
              const active = r === selection.focus.row && c === selection.focus.column
              const selected = inRange(range, { row: r, column: c })
              return (
                <Cell
                  key={period.id}
                  id={`cell-${r}-${c}`}
                  record={record}
                  server={props.server.get(key)}
                  raw={record ? props.rawValue(key) : undefined}
                  active={active}
                  selected={selected}
                  editable={props.canEdit(row)}
                  editing={active && editing ? editing.text : null}
                  period={period.id}
                  onPointer={(extend) => {
                    if (editing) commit(editing.text)
                    select({ row: r, column: c }, extend)
                    scroller.current?.focus()
                  }}
                  onEdit={() => props.canEdit(row) && setEditing({ text: String(props.rawValue(key) ?? '') })}
                  onEditorKeyDown={onEditorKeyDown}
                  onEditorBlur={(text) => commit(text)}
                  onEditorChange={(text) => setEditing({ text })}
                  language={i18n.language}
                  t={t}
                />
              )
            })}
          </div>
        )
      })}
      <div style={{ blockSize: (lines.length - window.end) * LINE_HEIGHT }} aria-hidden="true" />
    </div>
  )
}

function RowHeader({
  row,
  partnerName,
  expanded,
  onToggle,
  t,
}: {
  row: GridRow
  partnerName: (id: string) => string
  expanded: boolean
  onToggle: (id: string) => void
  t: TFunction
}) {
  const reporter = row.partnerId === '' ? t('measurement.sheet.initiativeWide') : partnerName(row.partnerId)
  return (
    <div role="rowheader" className="sheet-grid__rowhead">
      {row.expandable && (
        <button
          type="button"
          className="sheet-grid__toggle"
          aria-expanded={expanded}
          aria-label={t(expanded ? 'measurement.sheet.collapse' : 'measurement.sheet.expand', { name: row.indicator.name })}
          onClick={() => onToggle(row.id)}
          tabIndex={-1}
        >
          {expanded ? '▾' : '▸'}
        </button>
      )}
      <span className="sheet-grid__name">
        {row.depth === 0 ? (
          <>
            <span className="sheet-grid__label" dir="auto">
              {row.indicator.name || row.indicator.id}
              {row.indicator.unit && <span className="muted"> ({row.indicator.unit})</span>}
            </span>
            <span className="sheet-grid__label muted" dir="auto">
              {reporter}
            </span>
          </>
        ) : (
          <span className="sheet-grid__label" dir="auto">
            <span className="muted">{row.dimension}: </span>
            {row.category}
          </span>
        )}
      </span>
    </div>
  )
}

function Cell(props: {
  id: string
  record: MeasurementRecord | undefined
  server: Measurement | undefined
  raw: unknown
  active: boolean
  selected: boolean
  editable: boolean
  editing: string | null
  period: string
  onPointer: (extend: boolean) => void
  onEdit: () => void
  onEditorKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void
  onEditorBlur: (text: string) => void
  onEditorChange: (text: string) => void
  language: string
  t: TFunction
}) {
  const { record, t } = props
  const workflow = record && (record.value !== null || record.issues.length > 0) ? workflowOf(record, props.server) : null
  const invalid = record !== undefined && record.issues.length > 0
  const shown = record?.value !== null && record?.value !== undefined ? formatNumber(record.value, props.language) : props.raw ? String(props.raw) : ''
  const label = [
    shown || t('measurement.sheet.empty'),
    workflow ? t(`measurement.workflow.${workflow}`) : '',
    invalid ? t('measurement.sheet.hasIssues', { count: record.issues.length }) : '',
  ]
    .filter(Boolean)
    .join(', ')
  const classes = [
    'sheet-grid__cell',
    workflow ? `sheet-grid__cell--${workflow}` : '',
    invalid ? 'sheet-grid__cell--invalid' : '',
    props.selected ? 'sheet-grid__cell--selected' : '',
    props.active ? 'sheet-grid__cell--active' : '',
    props.editable ? '' : 'sheet-grid__cell--readonly',
  ]
  return (
    <div
      id={props.id}
      role="gridcell"
      className={classes.filter(Boolean).join(' ')}
      aria-selected={props.selected}
      aria-readonly={!props.editable}
      aria-label={label}
      title={label}
      data-period={props.period}
      data-workflow={workflow ?? undefined}
      data-invalid={invalid || undefined}
      onMouseDown={(event) => {
        if (props.editing !== null) return
        event.preventDefault()
        props.onPointer(event.shiftKey)
      }}
      onDoubleClick={props.onEdit}
    >
      {props.editing !== null ? (
        <input
          className="sheet-grid__editor"
          autoFocus
          dir="ltr"
          inputMode="decimal"
          aria-label={t('measurement.sheet.editValue')}
          value={props.editing}
          onChange={(event) => props.onEditorChange(event.target.value)}
          onKeyDown={props.onEditorKeyDown}
          onBlur={(event) => props.onEditorBlur(event.target.value)}
        />
      ) : (
        <>
          <span className="sheet-grid__value" dir="ltr">
            {shown}
          </span>
          {invalid && (
            <span className="sheet-grid__issue" aria-hidden="true">
              ⚠
            </span>
          )}
          {workflow && (
            <span className="sheet-grid__state" aria-hidden="true">
              {WORKFLOW_SYMBOL[workflow]}
            </span>
          )}
        </>
      )}
    </div>
  )
}
