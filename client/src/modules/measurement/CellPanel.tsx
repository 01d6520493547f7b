// The side panel of the selected cell: what it is (indicator, reporter, period, category), its
// value, workflow state and the last decision's comment, its validation issues (the shared
// check's), its note and source (editable where the value is), and its approval history.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cellKey, MEASUREMENT_LIMITS, type CellCoordinates, type Measurement, type MeasurementRecord } from '@common-ground/domain'
import { fieldDirection, StatusPill, useInterfaceDirection } from '../../design/index.ts'
import { useResource } from '../../api/useResource.ts'
import { formatDateTime } from '../../screens/format.ts'
import { getIndicator, measurementHistory } from './api.ts'
import type { GridRow } from './gridModel.ts'
import { formatNumber, WORKFLOW_SYMBOL, WORKFLOW_TONE, workflowOf } from './labels.ts'
import { periodLabel } from './periodLabel.ts'
import type { CellFields } from './useSheet.ts'

export interface CellPanelProps {
  initiativeId: string
  row: GridRow
  at: CellCoordinates
  record: MeasurementRecord | undefined
  server: Measurement | undefined
  editable: boolean
  partnerName: (id: string) => string
  write: (changes: { at: CellCoordinates; fields: CellFields }[]) => void
}

export function CellPanel({ initiativeId, row, at, record, server, editable, partnerName, write }: CellPanelProps) {
  const { t, i18n } = useTranslation()
  const key = cellKey(at)
  const workflow = record ? workflowOf(record, server) : null
  const save = (field: 'note' | 'source', text: string) => {
    if ((record?.[field] ?? '') === text.trim()) return
    write([{ at, fields: { [field]: text.trim(), ...(record ? {} : { status: 'draft', definitionVersion: row.indicator.version }) } }])
  }
  return (
    <aside className="cell-panel" aria-label={t('measurement.panel.title')} data-cell={key}>
      <h3 className="cell-panel__title" dir="auto">
        {row.indicator.name || row.indicator.id}
      </h3>
      <dl className="cell-panel__facts">
        <dt>{t('measurement.panel.reporter')}</dt>
        <dd dir="auto">{at.partnerId === '' ? t('measurement.sheet.initiativeWide') : partnerName(at.partnerId)}</dd>
        <dt>{t('measurement.panel.period')}</dt>
        <dd>{periodLabel(at.period, i18n.language, t)}</dd>
        {at.dimension && (
          <>
            <dt dir="auto">{at.dimension}</dt>
            <dd dir="auto">{at.category}</dd>
          </>
        )}
        <dt>{t('measurement.panel.value')}</dt>
        <dd className="cell-panel__value">
          {record?.value !== null && record?.value !== undefined ? formatNumber(record.value, i18n.language) : '—'}
          {row.indicator.unit && <span className="muted"> {row.indicator.unit}</span>}
        </dd>
        <dt>{t('measurement.panel.version')}</dt>
        <dd>{t('measurement.panel.versionOf', { version: record?.definitionVersion || row.indicator.version })}</dd>
      </dl>
      {record && record.definitionVersion > 0 && record.definitionVersion < row.indicator.version && (
        <DefinitionChanged initiativeId={initiativeId} indicatorId={row.indicator.id} since={record.definitionVersion} />
      )}
      {workflow && (
        <p>
          <StatusPill tone={WORKFLOW_TONE[workflow]} className="cell-panel__workflow" data-workflow={workflow}>
            <span aria-hidden="true">{WORKFLOW_SYMBOL[workflow]} </span>
            {t(`measurement.workflow.${workflow}`)}
          </StatusPill>
        </p>
      )}
      {workflow === 'returned' && server?.approval?.comment && (
        <p className="cell-panel__comment" dir="auto">
          <strong>{t('measurement.panel.returnedBecause', { name: server.approval.decidedBy.name })}</strong> {server.approval.comment}
        </p>
      )}
      {record && record.issues.length > 0 && (
        <ul className="cell-panel__issues" aria-label={t('measurement.panel.issues')}>
          {record.issues.map((issue) => (
            <li key={`${issue.field}:${issue.code}`} data-issue={issue.code}>
              <span aria-hidden="true">⚠ </span>
              {t(`measurement.issues.${issue.code}`, { defaultValue: t('measurement.issues.generic'), field: issue.field })}
            </li>
          ))}
        </ul>
      )}
      <TextEntry
        key={`${key}:note`}
        label={t('measurement.panel.note')}
        value={record?.note ?? ''}
        max={MEASUREMENT_LIMITS.note}
        multiline
        disabled={!editable}
        onSave={(text) => save('note', text)}
      />
      <TextEntry
        key={`${key}:source`}
        label={t('measurement.panel.source')}
        value={record?.source ?? ''}
        max={MEASUREMENT_LIMITS.source}
        disabled={!editable}
        onSave={(text) => save('source', text)}
      />
      {server && <History initiativeId={initiativeId} cellKey={key} />}
    </aside>
  )
}

function TextEntry(props: { label: string; value: string; max: number; multiline?: boolean; disabled: boolean; onSave: (text: string) => void }) {
  const [text, setText] = useState(props.value)
  const [focused, setFocused] = useState(false)
  const ui = useInterfaceDirection()
  // Remote edits show unless the person is typing here.
  useEffect(() => {
    if (!focused) setText(props.value)
  }, [props.value, focused])
  const common = {
    className: props.multiline ? 'field__input field__textarea' : 'field__input',
    value: text,
    maxLength: props.max,
    disabled: props.disabled,
    dir: fieldDirection('auto', text === '', ui),
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false)
      props.onSave(text)
    },
  }
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(event) => setText(event.target.value)} />
      ) : (
        <input {...common} onChange={(event) => setText(event.target.value)} />
      )}
    </label>
  )
}

/** A value entered against an older definition: which versioned fields changed since, and by whom. */
function DefinitionChanged({ initiativeId, indicatorId, since }: { initiativeId: string; indicatorId: string; since: number }) {
  const { t, i18n } = useTranslation()
  const { state } = useResource((signal) => getIndicator(initiativeId, indicatorId, signal), [initiativeId, indicatorId])
  if (state.status !== 'ready') return null
  const later = state.data.versions.filter((v) => v.version > since)
  if (later.length === 0) return null
  const fields = [...new Set(later.flatMap((v) => v.changedFields))]
  const last = later.at(-1)!
  return (
    <div className="cell-panel__changed" role="note" data-since={since}>
      <p>
        <strong>{t('measurement.panel.definitionChanged', { from: since, to: last.version })}</strong>
      </p>
      <p className="muted">
        {t('measurement.panel.changedFields', {
          fields: fields.map((f) => t(`measurement.panel.fields.${f}`, { defaultValue: f })).join(t('common.listSeparator')),
          name: last.changedBy?.name ?? t('measurement.panel.someone'),
          time: formatDateTime(last.changedAt, i18n.language),
        })}
      </p>
    </div>
  )
}

function History({ initiativeId, cellKey: key }: { initiativeId: string; cellKey: string }) {
  const { t, i18n } = useTranslation()
  const { state } = useResource((signal) => measurementHistory(initiativeId, key, signal).then((a) => a.history), [initiativeId, key])
  if (state.status !== 'ready' || state.data.length === 0) return null
  return (
    <section className="cell-panel__history" aria-label={t('measurement.panel.history')}>
      <h4>{t('measurement.panel.history')}</h4>
      <ol>
        {state.data.map((entry) => (
          <li key={`${entry.decidedAt}:${entry.fingerprint}`} data-decision={entry.decision}>
            {t(`measurement.panel.decision.${entry.decision}`, {
              value: entry.value === null ? '—' : formatNumber(entry.value, i18n.language),
              name: entry.decidedBy.name,
              time: formatDateTime(entry.decidedAt, i18n.language),
            })}
            {entry.comment && (
              <span className="muted" dir="auto">
                {' '}
                — {entry.comment}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}
