// Backbone staff's approval queue: the submitted values with their indicator, reporter, period,
// value and the previous approved value of the same series; approve or return (with a comment) one
// or many, by the fingerprints seen. 409 measurement_changed: a value changed meanwhile — the
// queue is loaded again and says so.
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parsePeriod, type ApprovalDecision, type IndicatorRecordView, type Measurement, type Partner } from '@common-ground/domain'
import { Button, EmptyState, Notice, TextField } from '../../design/index.ts'
import { isApiError } from '../../api/http.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { useResource } from '../../api/useResource.ts'
import { ResourceStatus } from '../../screens/ResourceStatus.tsx'
import { decideMeasurements, listMeasurements } from './api.ts'
import { formatNumber } from './labels.ts'
import { periodLabel } from './periodLabel.ts'

const seriesOf = (m: Pick<Measurement, 'indicatorId' | 'partnerId' | 'dimension' | 'category'>) =>
  JSON.stringify([m.indicatorId, m.partnerId, m.dimension, m.category])

/** Per submitted value: the latest approved value of its series in an earlier period. */
export function previousApproved(all: readonly Measurement[]): Map<string, Measurement> {
  const approved = new Map<string, Measurement[]>()
  for (const m of all) if (m.workflow === 'approved') approved.set(seriesOf(m), [...(approved.get(seriesOf(m)) ?? []), m])
  const result = new Map<string, Measurement>()
  for (const m of all) {
    if (m.workflow !== 'submitted') continue
    const end = parsePeriod(m.period)?.end ?? 0
    let best: Measurement | undefined
    for (const candidate of approved.get(seriesOf(m)) ?? []) {
      const candidateEnd = parsePeriod(candidate.period)?.end ?? 0
      if (candidateEnd < end && (!best || candidateEnd > (parsePeriod(best.period)?.end ?? 0))) best = candidate
    }
    if (best) result.set(m.key, best)
  }
  return result
}

export function ApprovalQueue({ initiativeId, indicators, partners }: { initiativeId: string; indicators: IndicatorRecordView[]; partners: Partner[] }) {
  const { t, i18n } = useTranslation()
  const { state, reload } = useResource((signal) => listMeasurements(initiativeId, {}, signal).then((a) => a.measurements), [initiativeId])
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ tone: 'success' | 'error' | 'info'; text: string } | null>(null)

  const all = useMemo(() => (state.status === 'ready' ? state.data : []), [state])
  const queue = useMemo(() => all.filter((m) => m.workflow === 'submitted'), [all])
  const previous = useMemo(() => previousApproved(all), [all])
  const indicatorName = (id: string) => indicators.find((i) => i.id === id)?.name ?? id
  const partnerName = (id: string) => (id === '' ? t('measurement.sheet.initiativeWide') : (partners.find((p) => p.id === id)?.name ?? id))
  const unit = (id: string) => indicators.find((i) => i.id === id)?.unit ?? ''

  const decide = async (decision: ApprovalDecision, keys: readonly string[]) => {
    if (keys.length === 0) return
    if (decision === 'return' && comment.trim() === '') {
      setMessage({ tone: 'error', text: t('measurement.approvals.commentRequired') })
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      const decisions = queue
        .filter((m) => keys.includes(m.key))
        .map((m) => ({ key: m.key, fingerprint: m.fingerprint, decision, ...(decision === 'return' ? { comment: comment.trim() } : {}) }))
      await decideMeasurements(initiativeId, { decisions })
      setMessage({
        tone: 'success',
        text: t(decision === 'approve' ? 'measurement.approvals.approved' : 'measurement.approvals.returned', { count: decisions.length }),
      })
      setChosen(new Set())
      if (decision === 'return') setComment('')
    } catch (caught) {
      if (isApiError(caught, 'measurement_changed')) setMessage({ tone: 'info', text: t('measurement.approvals.changed') })
      else if (isApiError(caught, 'measurement_invalid')) setMessage({ tone: 'error', text: t('measurement.approvals.invalid') })
      else setMessage({ tone: 'error', text: errorMessage(t, caught) })
    } finally {
      setBusy(false)
      reload()
    }
  }

  const toggle = (key: string) =>
    setChosen((current) => {
      const next = new Set(current)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  const allChosen = queue.length > 0 && queue.every((m) => chosen.has(m.key))

  return (
    <div className="stack approval-queue">
      <ResourceStatus state={state} reload={reload} loadingLabel={t('measurement.approvals.loading')} errorTitle={t('measurement.approvals.errorTitle')} />
      {message && (
        <div role="status">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      )}
      {state.status === 'ready' && queue.length === 0 && <EmptyState title={t('measurement.approvals.emptyTitle')} />}
      {queue.length > 0 && (
        <>
          <div className="approval-queue__actions">
            <TextField
              label={t('measurement.approvals.comment')}
              hint={t('measurement.approvals.commentHint')}
              value={comment}
              maxLength={1000}
              dir="auto"
              onChange={(event) => setComment(event.target.value)}
            />
            <div className="row">
              <Button variant="primary" disabled={busy || chosen.size === 0} onClick={() => void decide('approve', [...chosen])} data-action="approve-chosen">
                {t('measurement.approvals.approveChosen', { count: chosen.size })}
              </Button>
              <Button disabled={busy || chosen.size === 0} onClick={() => void decide('return', [...chosen])} data-action="return-chosen">
                {t('measurement.approvals.returnChosen', { count: chosen.size })}
              </Button>
            </div>
          </div>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('measurement.approvals.chooseAll')}
                      checked={allChosen}
                      onChange={() => setChosen(allChosen ? new Set() : new Set(queue.map((m) => m.key)))}
                    />
                  </th>
                  <th scope="col">{t('measurement.approvals.indicator')}</th>
                  <th scope="col">{t('measurement.approvals.reporter')}</th>
                  <th scope="col">{t('measurement.approvals.period')}</th>
                  <th scope="col">{t('measurement.approvals.value')}</th>
                  <th scope="col">{t('measurement.approvals.previous')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {queue.map((m) => {
                  const before = previous.get(m.key)
                  const name = indicatorName(m.indicatorId)
                  return (
                    <tr key={m.key} data-key={m.key} data-indicator={m.indicatorId} data-partner={m.partnerId} data-period={m.period}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('measurement.approvals.choose', { name, period: m.period })}
                          checked={chosen.has(m.key)}
                          onChange={() => toggle(m.key)}
                        />
                      </td>
                      <td dir="auto">
                        {name}
                        {m.dimension && (
                          <span className="muted" dir="auto">
                            {' '}
                            · {m.dimension}: {m.category}
                          </span>
                        )}
                      </td>
                      <td dir="auto">{partnerName(m.partnerId)}</td>
                      <td>{periodLabel(m.period, i18n.language, t)}</td>
                      <td className="approval-queue__value">
                        {m.value === null ? '—' : formatNumber(m.value, i18n.language)} <span className="muted">{unit(m.indicatorId)}</span>
                        {m.note && (
                          <div className="muted" dir="auto">
                            {m.note}
                          </div>
                        )}
                      </td>
                      <td>
                        {before && before.value !== null ? (
                          <>
                            {formatNumber(before.value, i18n.language)} <span className="muted">({periodLabel(before.period, i18n.language, t)})</span>
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>
                        <div className="table__actions">
                          <Button size="sm" variant="primary" disabled={busy} onClick={() => void decide('approve', [m.key])} data-action="approve">
                            {t('measurement.approvals.approve')}
                            <span className="sr-only"> – {name}</span>
                          </Button>
                          <Button size="sm" disabled={busy} onClick={() => void decide('return', [m.key])} data-action="return">
                            {t('measurement.approvals.return')}
                            <span className="sr-only"> – {name}</span>
                          </Button>
                        </div>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  )
}
