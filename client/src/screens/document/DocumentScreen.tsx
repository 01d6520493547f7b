// Document screen: breadcrumb and title, presence, connection and save status, and the editor
// (or a loading state, or an error if the name is invalid or the server refused it).
import { useTranslation } from 'react-i18next'
import { checkDocumentName, CloseCode } from '@common-ground/protocol'
import { ErrorState, Loading } from '../../design/index.ts'
import { Link } from '../../router/Link.tsx'
import { CollaborativeEditor } from '../../editor/CollaborativeEditor.tsx'
import { useDocumentSession, useSessionSnapshot } from '../../sync/useDocumentSession.ts'
import { usePageTitle } from '../usePageTitle.ts'
import { PresenceBar } from './PresenceBar.tsx'
import { StatusIndicators } from './StatusIndicators.tsx'

const FATAL_MESSAGES: Record<number, string> = {
  [CloseCode.InvalidDocumentName]: 'document.errors.invalidName',
  [CloseCode.Unauthenticated]: 'document.errors.unauthenticated',
  [CloseCode.Forbidden]: 'document.errors.forbidden',
}

export function DocumentScreen({ documentName }: { documentName: string }) {
  const { t } = useTranslation()
  const valid = checkDocumentName(documentName).ok
  const session = useDocumentSession(valid ? documentName : null)
  const snapshot = useSessionSnapshot(session)
  usePageTitle(documentName)

  const backLink = (
    <Link href="/" className="btn btn--secondary btn--md">
      {t('document.backToDocuments')}
    </Link>
  )

  let body
  if (!valid) {
    body = <ErrorState title={t('document.errors.invalidNameTitle')} description={t('document.errors.invalidName')} action={backLink} />
  } else if (snapshot.fatal) {
    body = (
      <ErrorState
        title={t('document.errors.refusedTitle')}
        description={t(FATAL_MESSAGES[snapshot.fatal.code] ?? 'document.errors.generic', { code: snapshot.fatal.code })}
        action={backLink}
      />
    )
  } else if (!session || !snapshot.loaded) {
    body = <Loading label={t('document.loading')} />
  } else {
    body = <CollaborativeEditor key={documentName} session={session} />
  }

  return (
    <div className="page page--document">
      <div className="doc-header">
        <div className="doc-header__title">
          <nav aria-label={t('document.breadcrumb')} className="breadcrumb">
            <Link href="/">{t('header.documents')}</Link>
            <span aria-hidden="true" className="breadcrumb__sep">
              /
            </span>
          </nav>
          <h1 className="doc-title" dir="ltr" tabIndex={-1} data-autofocus>
            {documentName}
          </h1>
        </div>
        {valid && (
          <div className="doc-header__meta">
            <PresenceBar peers={snapshot.peers} />
            <StatusIndicators connection={snapshot.connection} save={snapshot.save} />
          </div>
        )}
      </div>
      {body}
    </div>
  )
}
