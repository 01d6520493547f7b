// /d/<name>: any document the caller may read, by its name — breadcrumb, title and the live
// document (DocumentView asks the server what the caller may do with it). An initiative's
// document is titled by its own name and its initiative's (documentTitle.ts), not by its id.
import { useTranslation } from 'react-i18next'
import { parseDocumentName } from '@common-ground/domain'
import { getInitiative, listPartners } from '../../api/endpoints.ts'
import { useResource } from '../../api/useResource.ts'
import { Link } from '../../router/Link.tsx'
import { initiativePath } from '../../router/router.ts'
import { useSession } from '../../session/sessionStore.ts'
import { usePageTitle } from '../usePageTitle.ts'
import { DocumentView } from './DocumentView.tsx'
import { documentTitle } from './documentTitle.ts'

export function DocumentScreen({ documentName }: { documentName: string }) {
  const { t } = useTranslation()
  const ref = parseDocumentName(documentName)
  // Only a member can ask for the initiative; a public reader keeps the kind's name.
  const signedIn = useSession().status === 'signedIn'
  const initiativeId = signedIn ? (ref?.initiativeId ?? null) : null
  const partnerId = ref?.kind === 'partner' ? (ref.partnerId ?? null) : null
  const { state: initiative } = useResource(initiativeId ? (signal) => getInitiative(initiativeId, signal).then((a) => a.initiative.name) : null, [
    initiativeId,
  ])
  const { state: partners } = useResource(
    initiativeId && partnerId ? (signal) => listPartners(initiativeId, signal).then((a) => a.partners.find((p) => p.id === partnerId)?.name ?? null) : null,
    [initiativeId, partnerId],
  )
  const title = documentTitle(t, documentName, ref, {
    initiative: initiative.status === 'ready' ? initiative.data : null,
    partner: partners.status === 'ready' ? partners.data : null,
  })
  usePageTitle(title.page)
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
            {title.initiative && (
              <>
                <Link href={back} dir="auto">
                  {title.initiative}
                </Link>
                <span aria-hidden="true" className="breadcrumb__sep">
                  /
                </span>
              </>
            )}
          </nav>
          <h1 className="doc-title" dir={ref ? 'auto' : 'ltr'} tabIndex={-1} data-autofocus>
            {title.heading}
          </h1>
        </div>
      </div>
      <DocumentView documentName={documentName} backHref={back} />
    </div>
  )
}
