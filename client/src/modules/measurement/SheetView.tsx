// The measurement sheet: the live document's status, which reporters' rows to show (a partner
// executive: their own; backbone staff: a partner picker), older/newer periods, the grid, the
// selected cell's panel and "Submit". The workflow states come from the server's measurement list,
// asked again shortly after the sheet changes, every few seconds while visible and on coming back to the tab.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { cellKey, SHEET_CELLS, type IndicatorRecordView, type Measurement, type Partner } from '@common-ground/domain'
import { Button, Loading, Notice, SelectField, StatusPill } from '../../design/index.ts'
import type { Initiative } from '../../api/types.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { PresenceBar } from '../../screens/document/PresenceBar.tsx'
import { StatusIndicators } from '../../screens/document/StatusIndicators.tsx'
import { listMeasurements } from './api.ts'
import { CellPanel } from './CellPanel.tsx'
import { buildLines, cellAt, GRID_COLUMNS, rangeOf, type GridRow } from './gridModel.ts'
import { workflowOf } from './labels.ts'
import { SheetGrid, type Selection } from './SheetGrid.tsx'
import { useSheet } from './useSheet.ts'

const ALL = '*'
const REFRESH_DELAY_MS = 700
/** Approvals are made on the server, not in the document: the sheet asks for them again this often while it is visible. */
const POLL_MS = 10_000

export interface SheetViewProps {
  initiative: Initiative
  indicators: IndicatorRecordView[]
  partners: Partner[]
}

/** The server's measurements by cell key (of one reporter when `partnerId` is given), loaded again on `refresh()`. */
export function useServerMeasurements(initiativeId: string, partnerId?: string) {
  const [byKey, setByKey] = useState<ReadonlyMap<string, Measurement>>(new Map())
  const [error, setError] = useState<unknown>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    const controller = new AbortController()
    listMeasurements(initiativeId, partnerId === undefined ? {} : { partnerId }, controller.signal).then(
      (answer) => {
        setByKey(new Map(answer.measurements.map((m) => [m.key, m])))
        setError(null)
      },
      (caught: unknown) => !controller.signal.aborted && setError(caught),
    )
    return () => controller.abort()
  }, [initiativeId, partnerId, attempt])
  const refresh = useCallback(() => setAttempt((n) => n + 1), [])
  useEffect(() => {
    const poll = setInterval(() => document.visibilityState === 'visible' && refresh(), POLL_MS)
    const onVisible = () => document.visibilityState === 'visible' && refresh()
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearInterval(poll)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [refresh])
  return { byKey, error, refresh }
}

export function SheetView({ initiative, indicators, partners }: SheetViewProps) {
  const { t } = useTranslation()
  const partnerIds = useMemo(() => partners.map((p) => p.id), [partners])
  const sheet = useSheet(initiative.id, indicators, partnerIds)
  const ownPartner = initiative.role === 'partner' ? initiative.partnerId : null
  // A partner executive's sheet shows only their own rows: ask only for those.
  const server = useServerMeasurements(initiative.id, ownPartner ?? undefined)
  const [reporter, setReporter] = useState<string>(ALL)
  const [offset, setOffset] = useState(0)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  const [selection, setSelection] = useState<Selection>({ anchor: { row: 0, column: GRID_COLUMNS - 1 }, focus: { row: 0, column: GRID_COLUMNS - 1 } })
  const [notice, setNotice] = useState<string | null>(null)
  const [now] = useState(() => Date.now())

  // The server derives the sheet a moment after a change: ask for the workflow states again then.
  const { refresh } = server
  useEffect(() => {
    if (sheet.revision === 0) return
    const timer = setTimeout(refresh, REFRESH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [sheet.revision, refresh])

  const reporters = useMemo(() => {
    if (ownPartner !== null) return [ownPartner ?? '']
    if (reporter === ALL) return ['', ...partnerIds]
    return [reporter]
  }, [ownPartner, reporter, partnerIds])
  const lines = useMemo(() => buildLines({ indicators, reporters, expanded, offset, now }), [indicators, reporters, expanded, offset, now])
  const rows = useMemo(() => lines.flatMap((line) => (line.type === 'row' ? [line.row] : [])), [lines])

  const canEdit = useCallback(
    (row: GridRow) => {
      if (initiative.role === 'backbone') return true
      if (initiative.role === 'partner') return row.partnerId !== '' && row.partnerId === ownPartner
      return false
    },
    [initiative.role, ownPartner],
  )
  const rawValue = useCallback(
    (key: string) => {
      const cell = sheet.session?.doc.getMap<unknown>(SHEET_CELLS).get(key)
      return cell instanceof Y.Map ? cell.get('value') : cell
    },
    [sheet.session],
  )
  const partnerName = useCallback((id: string) => partners.find((p) => p.id === id)?.name ?? id, [partners])

  const focusRow = rows[Math.min(selection.focus.row, rows.length - 1)]
  const focusAt = focusRow ? cellAt(focusRow, selection.focus.column) : null

  const submit = (scope: 'selected' | 'drafts') => {
    const changes: Array<Parameters<typeof sheet.write>[0][number]> = []
    const take = (row: GridRow, column: number) => {
      const at = cellAt(row, column)
      if (!at || !canEdit(row)) return
      const record = sheet.records.get(cellKey(at))
      if (!record || record.value === null || record.issues.length > 0) return
      const workflow = workflowOf(record, server.byKey.get(record.key))
      if (workflow === 'draft' || workflow === 'returned') changes.push({ at, fields: { status: 'submitted' } })
    }
    if (scope === 'selected') {
      const range = rangeOf(selection.anchor, selection.focus)
      for (let r = range.top; r <= range.bottom; r++) for (let c = range.first; c <= range.last; c++) if (rows[r]) take(rows[r], c)
    } else {
      for (const row of rows) for (let c = 0; c < row.periods.length; c++) take(row, c)
    }
    sheet.write(changes)
    setNotice(changes.length === 0 ? t('measurement.sheet.nothingToSubmit') : t('measurement.sheet.submitted', { count: changes.length }))
  }

  const toggle = useCallback(
    (id: string) =>
      setExpanded((current) => {
        const next = new Set(current)
        if (next.has(id)) next.delete(id)
        else next.add(id)
        return next
      }),
    [],
  )

  const readOnly = initiative.role !== 'backbone' && initiative.role !== 'partner'
  return (
    <div className="sheet-view">
      <div className="sheet-view__toolbar">
        {ownPartner === null && (
          <SelectField
            label={t('measurement.sheet.reporter')}
            value={reporter}
            onChange={(event) => setReporter(event.target.value)}
            options={[
              { value: ALL, label: t('measurement.sheet.allReporters') },
              { value: '', label: t('measurement.sheet.initiativeWide') },
              ...partners.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
        )}
        <div className="row" role="group" aria-label={t('measurement.sheet.periods')}>
          <Button size="sm" onClick={() => setOffset((n) => n + GRID_COLUMNS)} data-action="older">
            {t('measurement.sheet.older')}
          </Button>
          <Button size="sm" onClick={() => setOffset((n) => Math.max(0, n - GRID_COLUMNS))} disabled={offset === 0} data-action="newer">
            {t('measurement.sheet.newer')}
          </Button>
        </div>
        {!readOnly && (
          <div className="row">
            <Button size="sm" variant="primary" onClick={() => submit('selected')} data-action="submit-selected">
              {t('measurement.sheet.submitSelected')}
            </Button>
            <Button size="sm" onClick={() => submit('drafts')} data-action="submit-drafts">
              {t('measurement.sheet.submitDrafts')}
            </Button>
          </div>
        )}
        <div className="sheet-view__status">
          {readOnly && (
            <StatusPill tone="neutral" className="readonly-badge">
              {t('document.readOnly')}
            </StatusPill>
          )}
          <PresenceBar peers={sheet.snapshot.peers} />
          <StatusIndicators connection={sheet.snapshot.connection} save={sheet.snapshot.save} showSave={!readOnly} />
        </div>
      </div>
      <p className="muted">{t(readOnly ? 'measurement.sheet.helpReadOnly' : 'measurement.sheet.help')}</p>
      {notice && (
        <div role="status">
          <Notice tone="info">{notice}</Notice>
        </div>
      )}
      {server.error !== null && <Notice tone="error">{errorMessage(t, server.error)}</Notice>}
      {sheet.snapshot.fatal && <Notice tone="error">{t('document.errors.generic', { code: sheet.snapshot.fatal.code })}</Notice>}
      {!sheet.session || !sheet.snapshot.loaded ? (
        <Loading label={t('measurement.sheet.loading')} />
      ) : rows.length === 0 ? (
        <Notice tone="info">{t('measurement.sheet.noIndicators')}</Notice>
      ) : (
        <div className="sheet-view__body">
          <SheetGrid
            lines={lines}
            records={sheet.records}
            server={server.byKey}
            rawValue={rawValue}
            canEdit={canEdit}
            write={sheet.write}
            partnerName={partnerName}
            selection={selection}
            onSelect={setSelection}
            expanded={expanded}
            onToggle={toggle}
            columns={GRID_COLUMNS}
          />
          {focusRow && focusAt && (
            <CellPanel
              initiativeId={initiative.id}
              row={focusRow}
              at={focusAt}
              record={sheet.records.get(cellKey(focusAt))}
              server={server.byKey.get(cellKey(focusAt))}
              editable={canEdit(focusRow)}
              partnerName={partnerName}
              write={sheet.write}
            />
          )}
        </div>
      )}
    </div>
  )
}
