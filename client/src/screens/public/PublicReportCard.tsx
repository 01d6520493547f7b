// /p/<id>/report: an initiative's published community report card — no sign-in, approved
// values only, read-only; the same cards as the members' section. Not published: the API's 404.
import { useTranslation } from 'react-i18next'
import { Button, ErrorState, Loading } from '../../design/index.ts'
import { getPublicInitiative } from '../../api/endpoints.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { useResource } from '../../api/useResource.ts'
import type { PublicInitiative } from '../../api/types.ts'
import { getPublicReportCard } from '../../modules/reportcard/api.ts'
import { ReportCardView } from '../../modules/reportcard/ReportCardView.tsx'
import { Link } from '../../router/Link.tsx'
import { publicPath } from '../../router/routes.ts'
import { usePageTitle } from '../usePageTitle.ts'

/** The card, and the initiative's public name when its public page answers (the card does not carry it). */
async function load(initiativeId: string, signal: AbortSignal) {
  const [card, initiative] = await Promise.all([
    getPublicReportCard(initiativeId, signal),
    getPublicInitiative(initiativeId, signal).then(
      (answer): PublicInitiative | null => answer,
      () => null,
    ),
  ])
  return { card, initiative }
}

export function PublicReportCard({ initiativeId }: { initiativeId: string }) {
  const { t } = useTranslation()
  const { state, reload } = useResource((signal) => load(initiativeId, signal), [initiativeId])
  const name = state.status === 'ready' ? state.data.initiative?.initiative.name : undefined
  usePageTitle(name ? `${t('reportcard.public.title')} — ${name}` : t('reportcard.public.title'))

  if (state.status === 'loading') {
    return (
      <div className="page">
        <h1 className="sr-only" tabIndex={-1} data-autofocus>
          {t('reportcard.public.title')}
        </h1>
        <Loading label={t('reportcard.public.loading')} />
      </div>
    )
  }
  if (state.status === 'error') {
    const notPublished = state.error.status === 404
    return (
      <div className="page">
        <h1 className="sr-only" tabIndex={-1} data-autofocus>
          {notPublished ? t('reportcard.public.notPublishedTitle') : t('reportcard.errorTitle')}
        </h1>
        <div className="rc-not-published">
          <ErrorState
            title={notPublished ? t('reportcard.public.notPublishedTitle') : t('reportcard.errorTitle')}
            description={notPublished ? t('reportcard.public.notPublishedDescription') : errorMessage(t, state.error)}
            action={
              notPublished ? (
                <Link href="/" className="btn btn--secondary btn--md">
                  {t('notFound.home')}
                </Link>
              ) : (
                <Button onClick={reload}>{t('reportcard.retry')}</Button>
              )
            }
          />
        </div>
      </div>
    )
  }
  const { card, initiative } = state.data
  return (
    <div className="page page--wide">
      <div className="page-header">
        <p className="eyebrow">{t('reportcard.public.eyebrow')}</p>
        <h1 className="page-title" dir="auto" tabIndex={-1} data-autofocus>
          {initiative ? initiative.initiative.name : t('reportcard.public.title')}
        </h1>
        {initiative && <p className="page-subtitle">{t('reportcard.public.title')}</p>}
        <div className="rc-public-nav">
          {initiative && (initiative.documents.length > 0 || initiative.initiative.description) && (
            <Link href={publicPath(initiativeId)} className="rc-to-public-page">
              {t('reportcard.public.toPublicPage')}
            </Link>
          )}
          <Button size="sm" variant="secondary" onClick={() => window.print()}>
            {t('reportcard.public.print')}
          </Button>
        </div>
      </div>
      <ReportCardView card={card} />
    </div>
  )
}
