// Shown for any path the router does not know.
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../design/index.ts'
import { Link } from '../router/Link.tsx'
import { usePageTitle } from './usePageTitle.ts'

export function NotFoundScreen() {
  const { t } = useTranslation()
  usePageTitle(t('notFound.title'))
  return (
    <div className="page">
      <h1 className="sr-only" tabIndex={-1} data-autofocus>
        {t('notFound.title')}
      </h1>
      <EmptyState
        title={t('notFound.title')}
        description={t('notFound.description')}
        action={
          <Link href="/" className="btn btn--primary btn--md">
            {t('notFound.home')}
          </Link>
        }
      />
    </div>
  )
}
