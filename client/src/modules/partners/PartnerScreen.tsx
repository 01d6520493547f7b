// /i/<id>/partners/<pid>: one partner's details (editable by backbone or its own executives)
// and its live page document.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { partnerDocumentName } from '@common-ground/domain'
import { Button, Card, ErrorState, Loading } from '../../design/index.ts'
import { updatePartner } from './api.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { Link } from '../../router/Link.tsx'
import { initiativePath } from '../../router/routes.ts'
import { DocumentView } from '../../screens/document/DocumentView.tsx'
import type { SectionItemProps } from '../types.ts'
import { mayEditPartner } from './PartnersSection.tsx'
import { PartnerForm } from './PartnerForm.tsx'
import { usePartners } from '../../api/usePartners.ts'

export function PartnerScreen({ initiative, itemId: partnerId }: SectionItemProps) {
  const { t } = useTranslation()
  const { state, reload } = usePartners(initiative.id)
  const [editing, setEditing] = useState(false)
  const back = (
    <Link href={initiativePath(initiative.id, 'partners')} className="btn btn--secondary btn--md">
      {t('partners.backToPartners')}
    </Link>
  )
  if (state.status === 'loading') return <Loading label={t('partners.loading')} />
  if (state.status === 'error') {
    return (
      <ErrorState title={t('partners.errorTitle')} description={errorMessage(t, state.error)} action={<Button onClick={reload}>{t('common.retry')}</Button>} />
    )
  }
  const partner = state.data.partners.find((p) => p.id === partnerId)
  if (!partner) return <ErrorState title={t('partners.notFoundTitle')} description={t('partners.notFoundDescription')} action={back} />
  const mayEdit = mayEditPartner(initiative, partner.id)
  const documentName = partner.documentName || partnerDocumentName(initiative.id, partner.id)

  return (
    <div className="stack">
      <Card>
        {editing ? (
          <PartnerForm
            label={t('partners.editTitle', { name: partner.name })}
            initial={partner}
            submitLabel={t('common.save')}
            busyLabel={t('common.saving')}
            onCancel={() => setEditing(false)}
            onSubmit={async (fields) => {
              await updatePartner(initiative.id, partner.id, fields)
              setEditing(false)
              reload()
            }}
          />
        ) : (
          <div className="partner-row partner-row--detail">
            <span className="partner-row__swatch partner-row__swatch--lg" style={{ backgroundColor: partner.color }} aria-hidden="true" />
            <div className="partner-row__main">
              <h2 className="section-title" dir="auto">
                {partner.name}
              </h2>
              <span className="muted">
                {t(`sectors.${partner.sector}`)} · {t('partners.memberCount', { count: partner.memberCount })}
              </span>
              {partner.website && (
                <a href={partner.website} dir="ltr" target="_blank" rel="noreferrer noopener">
                  {partner.website.replace(/^https?:\/\//, '')}
                </a>
              )}
            </div>
            <div className="table__actions">
              {mayEdit && (
                <Button size="sm" onClick={() => setEditing(true)}>
                  {t('partners.editDetails')}
                </Button>
              )}
              {back}
            </div>
          </div>
        )}
      </Card>
      <section className="stack" aria-labelledby="partner-page-heading">
        <h2 id="partner-page-heading" className="section-title">
          {t('partners.pageTitle')}
        </h2>
        <p className="muted">{t(mayEdit ? 'partners.pageHintEdit' : 'partners.pageHintRead')}</p>
        <DocumentView
          documentName={documentName}
          backHref={initiativePath(initiative.id, 'partners')}
          backLabel={t('partners.backToPartners')}
          initiativeId={initiative.id}
        />
      </section>
    </div>
  )
}
