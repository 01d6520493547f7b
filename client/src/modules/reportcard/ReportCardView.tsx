// The report card as both the members' section and the public page show it: the headline,
// the "as of" dates, the goal and status filters, and per goal its indicators' cards. Read-only
// in both; what differs (loading, publication) is in the screens around it.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportCardAnswer } from '@common-ground/domain'
import { EmptyState, SelectField } from '../../design/index.ts'
import { formatDate, formatDateTime } from '../../screens/format.ts'
import { IndicatorCard } from './IndicatorCard.tsx'
import { filterCard, type CardFilter, type StatusFilter } from './format.ts'
import './reportcard.css'

const STATUSES: StatusFilter[] = ['all', 'on_track', 'at_risk', 'off_track', 'unknown']

type Headline = ReportCardAnswer['headline']

function HeadlineLine({ headline }: { headline: Headline }) {
  const { t } = useTranslation()
  return (
    <p className="rc-headline">
      <span className="rc-headline__trend">{t('reportcard.headline.trending', { count: headline.trendingRight, total: headline.withTrend })}</span>
      <span className="rc-headline__status">{t('reportcard.headline.onTrack', { count: headline.onTrack, total: headline.withStatus })}</span>
    </p>
  )
}

export function ReportCardView({ card }: { card: ReportCardAnswer }) {
  const { t, i18n } = useTranslation()
  const [filter, setFilter] = useState<CardFilter>({ goalId: 'all', status: 'all' })
  const sections = filterCard(card, filter)
  const total = card.headline.total

  return (
    <div className="rc stack">
      <div className="rc-summary card">
        <HeadlineLine headline={card.headline} />
        <p className="muted rc-asof">
          {t('reportcard.asOf', { date: formatDate(card.asOf, i18n.language) })}
          {' · '}
          {card.dataAsOf ? t('reportcard.dataAsOf', { date: formatDateTime(card.dataAsOf, i18n.language) }) : t('reportcard.noApprovedData')}
        </p>
        <p className="muted rc-note">{t('reportcard.approvedOnly')}</p>
      </div>
      {total > 0 && (
        <div className="row rc-filters" role="group" aria-label={t('reportcard.filters.label')}>
          <SelectField
            label={t('reportcard.filters.goal')}
            value={filter.goalId}
            onChange={(event) => setFilter((f) => ({ ...f, goalId: event.target.value }))}
            options={[
              { value: 'all', label: t('reportcard.filters.allGoals') },
              ...card.goals.map((g) => ({ value: g.id, label: g.statement })),
              ...(card.unassigned.length > 0 ? [{ value: '', label: t('reportcard.unassigned') }] : []),
            ]}
          />
          <SelectField
            label={t('reportcard.filters.status')}
            value={filter.status}
            onChange={(event) => setFilter((f) => ({ ...f, status: event.target.value as StatusFilter }))}
            options={STATUSES.map((s) => ({ value: s, label: s === 'all' ? t('reportcard.filters.allStatuses') : t(`reportcard.status.${s}`) }))}
          />
        </div>
      )}
      {total === 0 ? (
        <EmptyState title={t('reportcard.emptyTitle')} description={t('reportcard.emptyDescription')} />
      ) : sections.length === 0 ? (
        <EmptyState title={t('reportcard.filters.noneTitle')} description={t('reportcard.filters.noneDescription')} />
      ) : (
        sections.map((section) => {
          const goal = card.goals.find((g) => g.id === section.id)
          return (
            <section key={section.id || 'unassigned'} className="rc-goal" aria-labelledby={`rc-goal-${section.id || 'unassigned'}`} data-goal={section.id}>
              <div className="rc-goal__header">
                <h2 id={`rc-goal-${section.id || 'unassigned'}`} className="section-title rc-goal__title" dir="auto">
                  {section.id ? section.statement : t('reportcard.unassigned')}
                </h2>
                {section.population && (
                  <p className="muted" dir="auto">
                    {t('reportcard.population', { population: section.population })}
                  </p>
                )}
                {goal && <HeadlineLine headline={goal.headline} />}
              </div>
              <div className="rc-grid">
                {section.indicators.map((indicator) => (
                  <IndicatorCard key={indicator.id} indicator={indicator} />
                ))}
              </div>
            </section>
          )
        })
      )}
    </div>
  )
}
