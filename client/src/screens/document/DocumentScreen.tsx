// /d/<name>: any document the caller may read, by its name — breadcrumb, title and the live
// document (DocumentView asks the server what the caller may do with it).
import { useTranslation } from 'react-i18next'
import { parseDocumentName } from '@common-ground/domain'
import { Link } from '../../router/Link.tsx'
import { initiativePath } from '../../router/router.ts'
import { usePageTitle } from '../usePageTitle.ts'
import { DocumentView } from './DocumentView.tsx'

export function DocumentScreen({ documentName }: { documentName: string }) {
  const { t } = useTranslation()
  usePageTitle(documentName)
  const ref = parseDocumentName(documentName)
  const back = ref ? initiativePath(ref.initiativeId) : '/'
  return (
    <div className="page page--document">
      <div className="doc-header">
        <div className="doc-header__title">
          <nav aria-label={t('document.breadcrumb')} className="breadcrumb">
            <Link href="/">{t('header.initiatives')}</Link>
            <span aria-hidden="true" className="breadcrumb__sep">
              /
            </span>
            {ref && (
              <>
                <Link href={back} dir="ltr">
                  {ref.initiativeId}
                </Link>
                <span aria-hidden="true" className="breadcrumb__sep">
                  /
                </span>
              </>
            )}
          </nav>
          <h1 className="doc-title" dir="ltr" tabIndex={-1} data-autofocus>
            {documentName}
          </h1>
        </div>
      </div>
      <DocumentView documentName={documentName} backHref={back} />
    </div>
  )
}
