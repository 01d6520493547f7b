// The list of documents on the server, with loading, empty and error states.
import { useTranslation } from 'react-i18next'
import { Button, Card, EmptyState, ErrorState, Loading } from '../../design/index.ts'
import { useDocuments, type DocumentSummary } from '../../api/documents.ts'
import { Link } from '../../router/Link.tsx'
import { documentPath } from '../../router/router.ts'
import { formatDateTime, formatSize } from './format.ts'

export function DocumentList() {
  const { t } = useTranslation()
  const { state, reload } = useDocuments()
  return (
    <Card title={t('documents.title')} description={t('documents.description')} aria-busy={state.status === 'loading'}>
      {state.status === 'loading' && <Loading label={t('documents.loading')} />}
      {state.status === 'error' && (
        <ErrorState
          title={t('documents.errorTitle')}
          description={t('documents.errorDescription')}
          action={<Button onClick={reload}>{t('common.retry')}</Button>}
        />
      )}
      {state.status === 'ready' && state.documents.length === 0 && (
        <EmptyState
          icon={<DocumentIcon />}
          title={t('documents.emptyTitle')}
          description={t('documents.emptyDescription')}
        />
      )}
      {state.status === 'ready' && state.documents.length > 0 && (
        <ul className="doc-list">
          {state.documents.map((document) => (
            <DocumentRow key={document.name} document={document} />
          ))}
        </ul>
      )}
    </Card>
  )
}

function DocumentRow({ document }: { document: DocumentSummary }) {
  const { t, i18n } = useTranslation()
  return (
    <li className="doc-list__item">
      <span className="doc-list__icon" aria-hidden="true">
        <DocumentIcon />
      </span>
      <span className="doc-list__main">
        <Link href={documentPath(document.name)} className="doc-list__link" dir="ltr">
          {document.name}
        </Link>
        <span className="doc-list__meta">
          {t('documents.updated', { date: formatDateTime(document.updated, i18n.language) })}
        </span>
      </span>
      <span className="doc-list__size">{formatSize(document.size, i18n.language)}</span>
    </li>
  )
}

function DocumentIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round">
      <path d="M5 2.75h6.5L15.5 6.75v10.5h-10.5z" />
      <path d="M11.5 2.75v4h4M7.75 10.5h5M7.75 13.5h5" strokeLinecap="round" />
    </svg>
  )
}
