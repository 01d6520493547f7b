// Home: the page title, the open/create form and the documents list.
import { useTranslation } from 'react-i18next'
import { OpenDocumentForm } from './OpenDocumentForm.tsx'
import { DocumentList } from './DocumentList.tsx'
import { usePageTitle } from '../usePageTitle.ts'

export function HomeScreen() {
  const { t } = useTranslation()
  usePageTitle(t('documents.pageTitle'))
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1} data-autofocus>
          {t('home.title')}
        </h1>
        <p className="page-subtitle">{t('home.subtitle')}</p>
      </div>
      <div className="stack">
        <OpenDocumentForm />
        <DocumentList />
      </div>
    </div>
  )
}
