// One indicator on the report card: its headline (latest value against baseline and target),
// the server's trend, status and freshness, the chart, the disaggregated view, and a data
// table with the same numbers for screen readers and for anyone who prefers numbers.
import { Suspense, lazy, useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { CardIndicator } from '@common-ground/domain'
import { StatusPill, type Tone } from '../../design/index.ts'
import { disaggregatedViews, formatChange, formatPeriod, formatShare, formatValue, trendKey } from './format.ts'

const IndicatorChart = lazy(() => import('./IndicatorChart.tsx'))
const DisaggregationChart = lazy(() => import('./IndicatorChart.tsx').then((m) => ({ default: m.DisaggregationChart })))

const TREND_TONE: Record<ReturnType<typeof trendKey>, Tone> = {
  better: 'success',
  worse: 'danger',
  no_change: 'neutral',
  unknown: 'neutral',
  no_data: 'neutral',
}
const STATUS_TONE: Record<CardIndicator['status'], Tone> = { on_track: 'success', at_risk: 'warning', off_track: 'danger', unknown: 'neutral' }
const FRESHNESS_TONE: Record<CardIndicator['freshness'], Tone> = { current: 'success', stale: 'warning', missing: 'danger' }

export function IndicatorCard({ indicator }: { indicator: CardIndicator }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const id = useId()
  const value = (v: number) => formatValue(v, indicator, language, t)
  const period = (p: string) => formatPeriod(p, language, t)
  const trend = trendKey(indicator)
  const { latest, baseline, target } = indicator
  const views = disaggregatedViews(indicator)
  const targetText = target ? (target.upper !== undefined ? `${value(target.value)} – ${value(target.upper)}` : value(target.value)) : null

  return (
    <article className="card rc-card" aria-labelledby={`${id}-name`} data-indicator={indicator.id} data-status={indicator.status} data-trend={trend}>
      <header className="rc-card__header">
        <h3 id={`${id}-name`} className="rc-card__name" dir="auto">
          {indicator.name}
        </h3>
        <div className="rc-card__pills">
          <StatusPill tone={TREND_TONE[trend]} className="rc-trend">
            {t(`reportcard.trend.${trend}`)}
          </StatusPill>
          <StatusPill tone={STATUS_TONE[indicator.status]} className="rc-status">
            {t(`reportcard.status.${indicator.status}`)}
          </StatusPill>
          <StatusPill tone={FRESHNESS_TONE[indicator.freshness]} className="rc-freshness">
            {t(`reportcard.freshness.${indicator.freshness}`)}
          </StatusPill>
        </div>
      </header>
      {!indicator.valid && <p className="rc-card__warning">{t('reportcard.card.incomplete')}</p>}
      <dl className="rc-figures">
        <div className="rc-figure rc-figure--latest">
          <dt>{t('reportcard.card.latest')}</dt>
          <dd>
            <bdi className="rc-latest">{latest ? value(latest.value) : t('reportcard.card.noValue')}</bdi>
            {latest && <span className="rc-figure__period">{period(latest.period)}</span>}
          </dd>
        </div>
        <div className="rc-figure">
          <dt>{t('reportcard.card.baseline')}</dt>
          <dd>
            <bdi>{baseline ? value(baseline.value) : '—'}</bdi>
            {baseline && <span className="rc-figure__period">{period(baseline.period)}</span>}
          </dd>
        </div>
        <div className="rc-figure">
          <dt>{t('reportcard.card.target')}</dt>
          <dd>
            <bdi>{targetText ?? '—'}</bdi>
            {target && <span className="rc-figure__period">{period(target.period)}</span>}
          </dd>
        </div>
        <div className="rc-figure">
          <dt>{t('reportcard.card.change')}</dt>
          <dd>
            <bdi>{indicator.changeSinceBaseline !== null ? formatChange(indicator.changeSinceBaseline, indicator, language, t) : '—'}</bdi>
          </dd>
        </div>
        <div className="rc-figure">
          <dt>{t('reportcard.card.progress')}</dt>
          <dd>{indicator.targetMet ? t('reportcard.card.targetMet') : indicator.progress !== null ? formatShare(indicator.progress, language) : '—'}</dd>
        </div>
      </dl>
      <p className="rc-card__meta muted">
        {t(`reportcard.polarity.${indicator.polarity}`)}
        {' · '}
        {t(`reportcard.frequency.${indicator.frequency}`)}
        {indicator.freshness !== 'current' && (
          <>
            {' · '}
            {t('reportcard.card.due', { period: period(indicator.duePeriod) })}
          </>
        )}
        {indicator.dataSource && (
          <>
            {' · '}
            <span dir="auto">{t('reportcard.card.source', { source: indicator.dataSource })}</span>
          </>
        )}
      </p>
      {indicator.series.length > 0 ? (
        <Suspense fallback={<div className="rc-chart rc-chart--loading" aria-hidden="true" />}>
          <IndicatorChart indicator={indicator} />
        </Suspense>
      ) : (
        <p className="muted rc-card__empty">{t('reportcard.card.noSeries')}</p>
      )}
      {indicator.series.length > 0 && (
        <details className="rc-details">
          <summary>{t('reportcard.table.show', { count: indicator.series.length })}</summary>
          <table className="rc-table">
            <caption>{t('reportcard.table.caption', { name: indicator.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reportcard.table.period')}</th>
                <th scope="col">{t('reportcard.table.value')}</th>
              </tr>
            </thead>
            <tbody>
              {indicator.series.map((o) => (
                <tr key={o.period}>
                  <th scope="row">{period(o.period)}</th>
                  <td>
                    <bdi>{value(o.value)}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {views.map((view) => (
        <section key={view.dimension} className="rc-disaggregation" aria-label={t('reportcard.disaggregation.title', { dimension: view.dimension })}>
          <h4 className="rc-disaggregation__title" dir="auto">
            {t('reportcard.disaggregation.title', { dimension: view.dimension })}
          </h4>
          <Suspense fallback={<div className="rc-chart rc-chart--small" aria-hidden="true" />}>
            <DisaggregationChart indicator={indicator} view={view} />
          </Suspense>
          <table className="rc-table rc-table--compact">
            <caption className="sr-only">{t('reportcard.disaggregation.caption', { name: indicator.name, dimension: view.dimension })}</caption>
            <thead>
              <tr>
                <th scope="col">{view.dimension}</th>
                <th scope="col">{t('reportcard.table.period')}</th>
                <th scope="col">{t('reportcard.table.value')}</th>
              </tr>
            </thead>
            <tbody>
              {view.latest.map((row) => (
                <tr key={row.category}>
                  <th scope="row" dir="auto">
                    {row.category}
                  </th>
                  <td>{period(row.period)}</td>
                  <td>
                    <bdi>{value(row.value)}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </article>
  )
}
