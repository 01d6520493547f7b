// /p/<id>: an initiative's public page — no sign-in; what the backbone published, read-only,
// with a link to the community report card (/p/<id>/report) when that is published too.
import { useTranslation } from 'react-i18next'
import { Button, ErrorState, Loading } from '../../design/index.ts'
import { getPublicInitiative } from '../../api/endpoints.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { useResource } from '../../api/useResource.ts'
import { Link } from '../../router/Link.tsx'
import { publicReportCardPath } from '../../router/routes.ts'
import { DocumentView } from '../document/DocumentView.tsx'
import { usePageTitle } from '../usePageTitle.ts'
import { LANGUAGE_NAMES } from '../labels.ts'

export function PublicScreen({ initiativeId }: { initiativeId: string }) {
  const { t } = useTranslation()
  const { state, reload } = useResource((signal) => getPublicInitiative(initiativeId, signal), [initiativeId])
  usePageTitle(state.status === 'ready' ? state.data.initiative.name : t('public.title'))

  if (state.status === 'loading') {
    return (
      <div className="page">
        <h1 className="sr-only" tabIndex={-1} data-autofocus>
          {t('public.title')}
        </h1>
        <Loading label={t('public.loading')} />
      </div>
    )
  }
  if (state.status === 'error') {
    const notFound = state.error.status === 404
    return (
      <div className="page">
        <h1 className="sr-only" tabIndex={-1} data-autofocus>
          {t('public.unavailableTitle')}
        </h1>
        <ErrorState
          title={t('public.unavailableTitle')}
          description={notFound ? t('public.unavailableDescription') : errorMessage(t, state.error)}
          action={
            notFound ? (
              <Link href="/" className="btn btn--secondary btn--md">
                {t('notFound.home')}
              </Link>
            ) : (
              <Button onClick={reload}>{t('common.retry')}</Button>
            )
          }
        />
      </div>
    )
  }
  const { initiative, documents } = state.data
  return (
    <div className="page page--wide">
      <div className="page-header">
        <p className="eyebrow">{t('public.eyebrow')}</p>
        <h1 className="page-title" dir="auto" tabIndex={-1} data-autofocus>
          {initiative.name}
        </h1>
        {initiative.description && (
          <p className="page-subtitle" dir="auto">
            {initiative.description}
          </p>
        )}
        <p className="muted">{[initiative.geography, initiative.languages.map((l) => LANGUAGE_NAMES[l] ?? l).join(' · ')].filter(Boolean).join(' — ')}</p>
        {state.data.reportCard && (
          <p>
            <Link href={publicReportCardPath(initiative.id)} className="public-report-card-link">
              {t('reportcard.public.toReportCard')}
            </Link>
          </p>
        )}
      </div>
      <div className="stack">
        {documents.map((document) => (
          <section key={document.name} className="stack" aria-labelledby={`public-${document.kind}`}>
            <h2 id={`public-${document.kind}`} className="section-title">
              {t(`public.kinds.${document.kind}`, { defaultValue: document.name })}
            </h2>
            <DocumentView documentName={document.name} backHref="/" />
          </section>
        ))}
      </div>
    </div>
  )
}
