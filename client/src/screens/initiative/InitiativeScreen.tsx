// /i/<id>[/<section>]: loads the initiative (the caller's view: role, documents) and shows its
// header, the section navigation (only the sections the role may use) and the section.
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, ErrorState, Loading, StatusPill, TabNav, type TabNavItem } from '../../design/index.ts'
import { getInitiative } from '../../api/endpoints.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { useResource } from '../../api/useResource.ts'
import { findSection, SECTIONS, sectionAllowed, type SectionProps } from '../../modules/index.ts'
import { Link } from '../../router/Link.tsx'
import { initiativePath, type InitiativeSection } from '../../router/routes.ts'
import { usePageTitle } from '../usePageTitle.ts'
import { onPermissionsChanged } from '../../session/sessionStore.ts'
import { roleTone } from '../labels.ts'

export function InitiativeScreen({
  initiativeId,
  section,
  itemId,
}: {
  initiativeId: string
  section: InitiativeSection
  /** One item of the section (a partner's page), if the route names one. */
  itemId?: string
}) {
  const { t } = useTranslation()
  const { state, reload, set } = useResource((signal) => getInitiative(initiativeId, signal).then((a) => a.initiative), [initiativeId])
  const initiative = state.status === 'ready' ? state.data : null
  // A role change reaches open documents as 4409; the sections on offer follow it.
  useEffect(() => onPermissionsChanged(reload), [reload])
  const chosen = findSection(section)
  usePageTitle(initiative && chosen ? `${t(chosen.labelKey)} · ${initiative.name}` : t('initiative.loading'))

  if (state.status === 'loading') {
    return (
      <div className="page">
        <h1 className="sr-only" tabIndex={-1} data-autofocus>
          {t('initiative.loading')}
        </h1>
        <Loading label={t('initiative.loading')} />
      </div>
    )
  }
  if (state.status === 'error') {
    const notFound = state.error.status === 404
    // Offline and never opened in this browser: it loads by itself when the server answers (useResource).
    const offline = state.error.code === 'network_error'
    const title = t(notFound ? 'initiative.notFoundTitle' : offline ? 'offline.notCachedTitle' : 'initiative.errorTitle')
    return (
      <div className="page">
        <h1 className="sr-only" tabIndex={-1} data-autofocus>
          {title}
        </h1>
        <ErrorState
          title={title}
          description={notFound ? t('initiative.notFoundDescription') : offline ? t('offline.notCached') : errorMessage(t, state.error)}
          action={
            notFound ? (
              <Link href="/" className="btn btn--secondary btn--md">
                {t('initiative.backToInitiatives')}
              </Link>
            ) : (
              <Button onClick={reload}>{t('common.retry')}</Button>
            )
          }
        />
      </div>
    )
  }

  const data = state.data
  const tabs: TabNavItem[] = SECTIONS.filter((s) => sectionAllowed(data, s)).map((s) => ({
    id: s.id,
    label: t(s.labelKey),
    href: initiativePath(data.id, s.id),
    current: s.id === section,
  }))
  const sectionProps: SectionProps = { initiative: data, onInitiativeChange: set }
  const allowed = chosen !== undefined && sectionAllowed(data, chosen)
  const Item = chosen?.Item
  const Section = chosen?.Component

  return (
    <div className="page page--wide">
      <div className="initiative-header">
        <div className="initiative-header__title">
          <h1 className="page-title" dir="auto" tabIndex={-1} data-autofocus>
            {data.name}
          </h1>
          <StatusPill tone={roleTone(data.role)} className="role-badge" data-role={data.role}>
            {t('initiative.yourRole', { role: t(`roles.${data.role}`) })}
          </StatusPill>
        </div>
        {(data.geography || data.description) && (
          <p className="page-subtitle" dir="auto">
            {data.geography}
          </p>
        )}
      </div>
      <TabNav
        label={t('initiative.sectionsLabel')}
        items={tabs}
        renderLink={(item, className) => (
          <Link href={item.href} className={className} aria-current={item.current ? 'page' : undefined} data-section={item.id}>
            {item.label}
          </Link>
        )}
      />
      {!allowed || !Section ? (
        <ErrorState title={t('initiative.forbiddenTitle')} description={t('errors.forbidden')} />
      ) : itemId !== undefined && Item ? (
        <Item {...sectionProps} itemId={itemId} />
      ) : (
        <Section {...sectionProps} />
      )}
    </div>
  )
}
