// The initiative's home: its common agenda, live (with its structured blocks, which need the
// initiative's partners), the agenda's endorsements, and a summary of its partners and members.
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { agendaDocumentName, COVERAGE_SECTORS, ROLES } from '@common-ground/domain'
import { Card, StatusPill } from '../../design/index.ts'
import { Link } from '../../router/Link.tsx'
import { initiativePath } from '../../router/routes.ts'
import { DocumentView } from '../../screens/document/DocumentView.tsx'
import type { SectionProps } from '../types.ts'
import { useMembers, usePartners } from '../../api/usePartners.ts'
import { ResourceStatus } from '../../screens/ResourceStatus.tsx'
import { AgendaBlocksProvider } from '../../editor/blocks/index.ts'
import { AgendaEndorsements } from './AgendaEndorsements.tsx'
import './home.css'

export function InitiativeHome({ initiative }: SectionProps) {
  const { t } = useTranslation()
  const agenda = initiative.documents.find((d) => d.kind === 'agenda')?.name ?? agendaDocumentName(initiative.id)
  const { state: partnerState } = usePartners(initiative.id)
  const partners = useMemo(() => (partnerState.status === 'ready' ? partnerState.data.partners.map((p) => ({ id: p.id, name: p.name })) : null), [partnerState])
  const partnerNames = useMemo(() => new Map((partners ?? []).map((p) => [p.id, p.name])), [partners])
  return (
    <div className="initiative-home">
      <section className="initiative-home__agenda" aria-labelledby="agenda-heading">
        <div className="section-heading">
          <h2 id="agenda-heading" className="section-title">
            {t('initiative.agendaTitle')}
          </h2>
          {initiative.published.includes('agenda') && <StatusPill tone="success">{t('settings.publishedBadge')}</StatusPill>}
        </div>
        {initiative.description && (
          <p className="initiative-home__description" dir="auto">
            {initiative.description}
          </p>
        )}
        <AgendaBlocksProvider partners={partners}>
          <DocumentView documentName={agenda} backHref="/" backLabel={t('initiative.backToInitiatives')} initiativeId={initiative.id} />
        </AgendaBlocksProvider>
      </section>
      <aside className="initiative-home__aside stack" aria-label={t('initiative.summaryLabel')}>
        <AgendaEndorsements initiative={initiative} partnerNames={partnerNames} />
        <PartnersSummary initiativeId={initiative.id} />
        <MembersSummary initiativeId={initiative.id} />
      </aside>
    </div>
  )
}

function PartnersSummary({ initiativeId }: { initiativeId: string }) {
  const { t } = useTranslation()
  const { state, reload } = usePartners(initiativeId)
  return (
    <Card title={t('partners.title')} headingLevel={2} className="summary-card" aria-busy={state.status === 'loading'}>
      <ResourceStatus state={state} reload={reload} loadingLabel={t('partners.loading')} errorTitle={t('partners.errorTitle')} />
      {state.status === 'ready' && (
        <div className="stack stack--tight">
          <p className="summary-card__figure">{t('partners.count', { count: state.data.partners.length })}</p>
          <p className="muted">{t('coverage.summary', { present: COVERAGE_SECTORS.length - state.data.missing.length, total: COVERAGE_SECTORS.length })}</p>
          {state.data.missing.length > 0 && (
            <p className="muted">{t('coverage.missingList', { sectors: state.data.missing.map((s) => t(`sectors.${s}`)).join(t('common.listSeparator')) })}</p>
          )}
          <Link href={initiativePath(initiativeId, 'partners')}>{t('partners.viewAll')}</Link>
        </div>
      )}
    </Card>
  )
}

function MembersSummary({ initiativeId }: { initiativeId: string }) {
  const { t } = useTranslation()
  const { state, reload } = useMembers(initiativeId)
  return (
    <Card title={t('members.title')} headingLevel={2} className="summary-card" aria-busy={state.status === 'loading'}>
      <ResourceStatus state={state} reload={reload} loadingLabel={t('members.loading')} errorTitle={t('members.errorTitle')} />
      {state.status === 'ready' && (
        <div className="stack stack--tight">
          <p className="summary-card__figure">{t('members.count', { count: state.data.length })}</p>
          <ul className="plain-list">
            {ROLES.map((role) => (
              <li key={role} className="muted">
                {t(`roles.${role}Plural`)}: {state.data.filter((m) => m.role === role).length}
              </li>
            ))}
          </ul>
          <Link href={initiativePath(initiativeId, 'members')}>{t('members.viewAll')}</Link>
        </div>
      )}
    </Card>
  )
}
