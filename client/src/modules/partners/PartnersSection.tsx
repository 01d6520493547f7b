// /i/<id>/partners: sector coverage (all nine sectors: at the table or missing), the partner
// list, and — as the role allows — adding, editing and deleting partners.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { COVERAGE_SECTORS, roleMay, SECTORS } from '@common-ground/domain'
import { Button, Card, ConfirmButton, EmptyState, ErrorState, Loading, Notice } from '../../design/index.ts'
import { createPartner, deletePartner, updatePartner } from './api.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import type { Coverage, Initiative, Partner } from '../../api/types.ts'
import { Link } from '../../router/Link.tsx'
import { partnerPath } from '../../router/routes.ts'
import type { SectionProps } from '../types.ts'
import { PartnerForm } from './PartnerForm.tsx'
import { usePartners } from '../../api/usePartners.ts'

/** May the caller edit this partner? Backbone: any; a partner executive: their own. */
export function mayEditPartner(initiative: Initiative, partnerId: string): boolean {
  if (initiative.role === 'backbone') return true
  return initiative.role === 'partner' && roleMay(initiative.role, 'partner.update') && initiative.partnerId === partnerId
}

export function PartnersSection({ initiative }: SectionProps) {
  const { t } = useTranslation()
  const { state, reload } = usePartners(initiative.id)
  const [editing, setEditing] = useState<string | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)
  const mayCreate = roleMay(initiative.role, 'partner.create')
  const mayDelete = roleMay(initiative.role, 'partner.delete')

  if (state.status === 'loading') return <Loading label={t('partners.loading')} />
  if (state.status === 'error') {
    return (
      <ErrorState title={t('partners.errorTitle')} description={errorMessage(t, state.error)} action={<Button onClick={reload}>{t('common.retry')}</Button>} />
    )
  }
  const { partners, coverage, missing } = state.data

  return (
    <div className="stack">
      <SectorCoverage partners={partners} coverage={coverage} missing={missing} />
      <Card title={t('partners.listTitle')} description={t('partners.listDescription')}>
        {actionError !== null && <Notice tone="error">{errorMessage(t, actionError)}</Notice>}
        {partners.length === 0 ? (
          <EmptyState title={t('partners.emptyTitle')} description={t(mayCreate ? 'partners.emptyDescriptionBackbone' : 'partners.emptyDescription')} />
        ) : (
          <ul className="partner-list">
            {partners.map((partner) => (
              <li key={partner.id} className="partner-list__item" data-partner={partner.id}>
                {editing === partner.id ? (
                  <PartnerForm
                    label={t('partners.editTitle', { name: partner.name })}
                    initial={partner}
                    submitLabel={t('common.save')}
                    busyLabel={t('common.saving')}
                    onCancel={() => setEditing(null)}
                    onSubmit={async (fields) => {
                      await updatePartner(initiative.id, partner.id, fields)
                      setEditing(null)
                      reload()
                    }}
                  />
                ) : (
                  <div className="partner-row">
                    <span className="partner-row__swatch" style={{ backgroundColor: partner.color }} aria-hidden="true" />
                    <div className="partner-row__main">
                      <Link href={partnerPath(initiative.id, partner.id)} className="partner-row__name" dir="auto">
                        {partner.name}
                      </Link>
                      <span className="muted">
                        {t(`sectors.${partner.sector}`)} · {t('partners.memberCount', { count: partner.memberCount })}
                        {initiative.partnerId === partner.id && initiative.role === 'partner' ? ` · ${t('partners.yours')}` : ''}
                      </span>
                      {partner.website && (
                        <a href={partner.website} className="partner-row__website" dir="ltr" target="_blank" rel="noreferrer noopener">
                          {partner.website.replace(/^https?:\/\//, '')}
                        </a>
                      )}
                    </div>
                    <div className="table__actions">
                      {mayEditPartner(initiative, partner.id) && (
                        <Button size="sm" onClick={() => setEditing(partner.id)} data-action="edit-partner">
                          {t('common.edit')}
                          <span className="sr-only"> – {partner.name}</span>
                        </Button>
                      )}
                      {mayDelete && (
                        <ConfirmButton
                          label={t('common.delete')}
                          question={t('partners.deleteQuestion', { name: partner.name })}
                          target={partner.name}
                          confirmLabel={t('common.delete')}
                          cancelLabel={t('common.cancel')}
                          onConfirm={async () => {
                            setActionError(null)
                            try {
                              await deletePartner(initiative.id, partner.id)
                              reload()
                            } catch (caught) {
                              setActionError(caught)
                            }
                          }}
                        />
                      )}
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {mayCreate && (
        <Card title={t('partners.addTitle')} description={t('partners.addDescription')}>
          <AddPartner initiativeId={initiative.id} onAdded={reload} />
        </Card>
      )}
    </div>
  )
}

function AddPartner({ initiativeId, onAdded }: { initiativeId: string; onAdded: () => void }) {
  const { t } = useTranslation()
  // A fresh form after each partner added.
  const [round, setRound] = useState(0)
  const [added, setAdded] = useState<string | null>(null)
  return (
    <div className="stack">
      {added && <Notice tone="success">{t('partners.added', { name: added })}</Notice>}
      <PartnerForm
        key={round}
        label={t('partners.addTitle')}
        submitLabel={t('partners.add')}
        busyLabel={t('partners.adding')}
        onSubmit={async (fields) => {
          const { partner } = await createPartner(initiativeId, fields)
          setAdded(partner.name)
          setRound((n) => n + 1)
          onAdded()
        }}
      />
    </div>
  )
}

/** The sectors: which are at the table (with their partners) and which are missing (never "other"). */
export function SectorCoverage({ partners, coverage, missing }: { partners: Partner[]; coverage: Coverage[]; missing: string[] }) {
  const { t } = useTranslation()
  const byId = new Map(partners.map((p) => [p.id, p]))
  // "Other" is a catch-all, not a sector a coalition lacks: counted in no total, shown only with partners.
  const present = COVERAGE_SECTORS.length - missing.length
  const shown = SECTORS.filter((sector) => sector !== 'other' || (coverage.find((c) => c.sector === sector)?.partnerIds.length ?? 0) > 0)
  return (
    <Card title={t('coverage.title')} description={t('coverage.description')} className="coverage">
      <p className="coverage__summary">
        <strong>{t('coverage.summary', { present, total: COVERAGE_SECTORS.length })}</strong>
        {missing.length > 0 && <> {t('coverage.missingList', { sectors: missing.map((s) => t(`sectors.${s}`)).join(t('common.listSeparator')) })}</>}
      </p>
      <ul className="coverage__grid">
        {shown.map((sector) => {
          const ids = coverage.find((c) => c.sector === sector)?.partnerIds ?? []
          const atTable = ids.length > 0
          return (
            <li
              key={sector}
              className={atTable ? 'coverage__sector coverage__sector--present' : 'coverage__sector coverage__sector--missing'}
              data-sector={sector}
              data-state={atTable ? 'present' : 'missing'}
            >
              <span className="coverage__icon" aria-hidden="true">
                {atTable ? '✓' : '!'}
              </span>
              <span className="coverage__body">
                <span className="coverage__name">{t(`sectors.${sector}`)}</span>
                <span className="coverage__status">{atTable ? t('coverage.atTable', { count: ids.length }) : t('coverage.missing')}</span>
                {atTable && (
                  <span className="coverage__partners" dir="auto">
                    {ids.map((id) => byId.get(id)?.name ?? id).join(t('common.listSeparator'))}
                  </span>
                )}
              </span>
            </li>
          )
        })}
      </ul>
    </Card>
  )
}
