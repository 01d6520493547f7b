// Who has not reported: per reporter, the counts of approved / submitted / draft / returned / due /
// overdue values, and a matrix reporter × indicator of the recent periods' states (colour, symbol
// and text), filterable to what is overdue.
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parsePeriod, REPORTING_STATES, type IndicatorRecordView, type Partner, type ReportingStatusAnswer } from '@common-ground/domain'
import { EmptyState, StatusPill } from '../../design/index.ts'
import { useResource } from '../../api/useResource.ts'
import { ResourceStatus } from '../../screens/ResourceStatus.tsx'
import { reportingStatus } from './api.ts'
import { REPORTING_SYMBOL, REPORTING_TONE } from './labels.ts'
import { periodLabel } from './periodLabel.ts'
import { intlLocale } from '../../i18n/locale.ts'

/** How many recent periods each matrix cell lists. */
const RECENT = 6

type StatusRow = ReportingStatusAnswer['rows'][number]

/** Rows grouped by reporter, then indicator, each with its most recent periods (oldest first). */
export function matrixOf(rows: readonly StatusRow[], overdueOnly: boolean, recent = RECENT): Map<string, Map<string, StatusRow[]>> {
  const matrix = new Map<string, Map<string, StatusRow[]>>()
  for (const row of rows) {
    let byIndicator = matrix.get(row.partnerId)
    if (!byIndicator) matrix.set(row.partnerId, (byIndicator = new Map()))
    byIndicator.set(row.indicatorId, [...(byIndicator.get(row.indicatorId) ?? []), row])
  }
  for (const [partnerId, byIndicator] of matrix) {
    for (const [indicatorId, list] of byIndicator) {
      const sorted = [...list].sort((a, b) => (parsePeriod(a.period)?.end ?? 0) - (parsePeriod(b.period)?.end ?? 0))
      const shown = overdueOnly ? sorted.filter((r) => r.state === 'overdue') : sorted.slice(-recent)
      if (shown.length === 0) byIndicator.delete(indicatorId)
      else byIndicator.set(indicatorId, shown)
    }
    if (byIndicator.size === 0) matrix.delete(partnerId)
  }
  return matrix
}

export function ReportingStatus({ initiativeId, indicators, partners }: { initiativeId: string; indicators: IndicatorRecordView[]; partners: Partner[] }) {
  const { t, i18n } = useTranslation()
  const { state, reload } = useResource((signal) => reportingStatus(initiativeId, signal), [initiativeId])
  const [overdueOnly, setOverdueOnly] = useState(false)
  const matrix = useMemo(() => (state.status === 'ready' ? matrixOf(state.data.rows, overdueOnly) : new Map()), [state, overdueOnly])
  const partnerName = (id: string) => (id === '' ? t('measurement.sheet.initiativeWide') : (partners.find((p) => p.id === id)?.name ?? id))
  const indicatorName = (id: string) => indicators.find((i) => i.id === id)?.name ?? id

  return (
    <div className="stack reporting-status">
      <ResourceStatus state={state} reload={reload} loadingLabel={t('measurement.reporting.loading')} errorTitle={t('measurement.reporting.errorTitle')} />
      {state.status === 'ready' && (
        <>
          <div className="table-wrap">
            <table className="table reporting-status__counts">
              <caption className="sr-only">{t('measurement.reporting.countsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('measurement.approvals.reporter')}</th>
                  {REPORTING_STATES.map((s) => (
                    <th scope="col" key={s}>
                      <span aria-hidden="true">{REPORTING_SYMBOL[s]} </span>
                      {t(`measurement.reporting.states.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.data.partners.map((p) => (
                  <tr key={p.partnerId} data-partner={p.partnerId}>
                    <th scope="row" dir="auto">
                      {partnerName(p.partnerId)}
                    </th>
                    {REPORTING_STATES.map((s) => (
                      <td key={s} data-state={s} className={p[s] > 0 && (s === 'overdue' || s === 'returned') ? 'reporting-status__alert' : undefined}>
                        {new Intl.NumberFormat(intlLocale(i18n.language)).format(p[s])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label className="choice">
            <input type="checkbox" checked={overdueOnly} onChange={(event) => setOverdueOnly(event.target.checked)} />
            {t('measurement.reporting.overdueOnly')}
          </label>
          {matrix.size === 0 ? (
            <EmptyState title={t(overdueOnly ? 'measurement.reporting.noneOverdue' : 'measurement.reporting.empty')} />
          ) : (
            [...matrix].map(([partnerId, byIndicator]) => (
              <section key={partnerId} className="reporting-status__partner" data-partner={partnerId}>
                <h3 dir="auto">{partnerName(partnerId)}</h3>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('measurement.approvals.indicator')}</th>
                      <th scope="col">{t('measurement.reporting.periods')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...byIndicator].map(([indicatorId, list]: [string, StatusRow[]]) => (
                      <tr key={indicatorId} data-indicator={indicatorId}>
                        <th scope="row" dir="auto">
                          {indicatorName(indicatorId)}
                        </th>
                        <td>
                          <ul className="reporting-status__periods">
                            {list.map((row) => (
                              <li key={row.period} data-period={row.period} data-state={row.state}>
                                <StatusPill tone={REPORTING_TONE[row.state]}>
                                  <span aria-hidden="true">{REPORTING_SYMBOL[row.state]}</span> {periodLabel(row.period, i18n.language, t)}:{' '}
                                  {t(`measurement.reporting.states.${row.state}`)}
                                </StatusPill>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))
          )}
        </>
      )}
    </div>
  )
}
