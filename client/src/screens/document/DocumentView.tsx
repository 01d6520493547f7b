// One live document inside a screen: asks the server what the caller may do with it
// (GET /api/access), opens it for editing or read-only, shows presence and status, and
// follows the server's close codes: 4401 → sign in again, 4403 → access removed,
// 4409 → ask again and continue with the new rights.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { checkDocumentName, CloseCode } from '@common-ground/protocol'
import { Button, ErrorState, Loading, StatusPill } from '../../design/index.ts'
import { getDocumentAccess } from '../../api/endpoints.ts'
import { isApiError } from '../../api/http.ts'
import type { DocumentAccessAnswer } from '../../api/types.ts'
import { CollaborativeEditor } from '../../editor/CollaborativeEditor.tsx'
import { useDocumentSession, useSessionSnapshot } from '../../sync/useDocumentSession.ts'
import { documentCacheKey, rememberAccess, rememberedAccess } from '../../session/localData.ts'
import { getSession, notifyPermissionsChanged, refreshSession, useSession } from '../../session/sessionStore.ts'
import { Link } from '../../router/Link.tsx'
import { navigate, signInPath } from '../../router/router.ts'
import { sectionItemPath } from '../../router/routes.ts'
import { markSeen } from '../../api/history.ts'
import { onReconnect } from '../../offline/connectivity.ts'
import { PresenceBar } from './PresenceBar.tsx'
import { StatusIndicators } from './StatusIndicators.tsx'

const FATAL_MESSAGES: Record<number, string> = {
  [CloseCode.InvalidDocumentName]: 'document.errors.invalidName',
  [CloseCode.Unauthenticated]: 'document.errors.unauthenticated',
}

type AccessState = { status: 'loading' } | { status: 'ready'; answer: DocumentAccessAnswer } | { status: 'denied'; signedOut: boolean } | { status: 'error' }

export interface DocumentViewProps {
  documentName: string
  /** Where "back" goes in error states. */
  backHref?: string
  backLabel?: string
  /** Inside an initiative the caller is a member of: a link to the document's history, and it is marked as seen when opened and left. */
  initiativeId?: string
}

export function DocumentView({ documentName, backHref = '/', backLabel, initiativeId }: DocumentViewProps) {
  const { t } = useTranslation()
  const sessionState = useSession()
  const userId = sessionState.status === 'signedIn' ? sessionState.user.id : null
  const valid = checkDocumentName(documentName).ok
  const [access, setAccess] = useState<AccessState>({ status: 'loading' })
  const [askAgain, setAskAgain] = useState(0)
  const [sessionMismatch, setSessionMismatch] = useState(false)

  const canOpen = valid && access.status === 'ready'
  const session = useDocumentSession(canOpen ? documentName : null, documentCacheKey(userId, documentName))
  const snapshot = useSessionSnapshot(session)

  const cacheKey = documentCacheKey(userId, documentName)
  useEffect(() => {
    if (!valid) return
    const known = rememberedAccess(cacheKey)
    if (!navigator.onLine && known) {
      // Offline: open the local copy with the rights the server last gave (it checks again
      // when the socket reconnects); the 'online' event asks again.
      setAccess({ status: 'ready', answer: { document: documentName, access: known, initiativeId: null, kind: null } })
      return
    }
    const controller = new AbortController()
    getDocumentAccess(documentName, controller.signal).then(
      (answer) => {
        rememberAccess(cacheKey, answer.access)
        setAccess({ status: 'ready', answer })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        const remembered = rememberedAccess(cacheKey)
        if (isApiError(error, 'network_error') && remembered) {
          // Offline: open the local copy with the rights the server last gave.
          setAccess({ status: 'ready', answer: { document: documentName, access: remembered, initiativeId: null, kind: null } })
        } else if (isApiError(error) && (error.status === 401 || error.status === 404 || error.status === 403)) {
          setAccess({ status: 'denied', signedOut: error.status === 401 || userId === null })
        } else {
          setAccess({ status: 'error' })
        }
      },
    )
    return () => controller.abort()
  }, [documentName, valid, userId, cacheKey, askAgain])

  // What changed since my last visit: opening the document marks it as seen, and so does leaving
  // it (what arrived while it was open was seen too). Offline or refused: nothing to do.
  const tracked = initiativeId !== undefined && userId !== null && canOpen
  useEffect(() => {
    if (!tracked || !initiativeId) return
    const mark = () => void markSeen(initiativeId, documentName).catch(() => undefined)
    mark()
    window.addEventListener('pagehide', mark)
    return () => {
      window.removeEventListener('pagehide', mark)
      mark()
    }
  }, [tracked, initiativeId, documentName])

  // Back online, or the server answers again: ask again (the answer may have been a remembered
  // one, or the question may have failed).
  useEffect(() => onReconnect(() => setAskAgain((n) => n + 1)), [])

  // Read-only: nothing of one's own to count as not yet saved (offline/pendingEdits.ts).
  const readOnly = access.status === 'ready' && access.answer.access === 'read'
  useEffect(() => session?.setCountsEdits(!readOnly), [session, readOnly])

  // 4409: the connection's rights changed; the provider reconnects by itself, we re-ask
  // what those rights are now (edit ↔ read, or gone).
  useEffect(() => {
    if (snapshot.permissionsChanged === 0) return
    setAskAgain((n) => n + 1)
    notifyPermissionsChanged()
  }, [snapshot.permissionsChanged])

  // 4401: the session ended (signed out elsewhere, expired): sign in again, then come back.
  const fatalCode = snapshot.fatal?.code
  useEffect(() => {
    if (fatalCode !== CloseCode.Unauthenticated) return
    const here = window.location.pathname + window.location.search
    void refreshSession().then(() => {
      // Still signed in (the cookie works, only this connection was refused): say so here
      // rather than bounce between this page and the sign-in screen.
      if (getSession().status === 'signedIn') setSessionMismatch(true)
      else navigate(signInPath(here), { replace: true })
    })
  }, [fatalCode])

  const back = (
    <Link href={backHref} className="btn btn--secondary btn--md">
      {backLabel ?? t('document.backToStart')}
    </Link>
  )

  if (!valid) {
    return <ErrorState title={t('document.errors.invalidNameTitle')} description={t('document.errors.invalidName')} action={back} />
  }
  if (access.status === 'denied' || snapshot.fatal?.code === CloseCode.Forbidden) {
    const signedOut = access.status === 'denied' && access.signedOut && userId === null
    return (
      <ErrorState
        title={t(snapshot.fatal ? 'document.errors.removedTitle' : 'document.errors.refusedTitle')}
        description={t(signedOut ? 'document.errors.unauthenticated' : snapshot.fatal ? 'document.errors.removed' : 'document.errors.forbidden')}
        action={
          signedOut ? (
            <Link href={signInPath(window.location.pathname)} className="btn btn--primary btn--md">
              {t('auth.signIn')}
            </Link>
          ) : (
            back
          )
        }
      />
    )
  }
  if (access.status === 'error') {
    return (
      <ErrorState
        title={t('document.errors.accessErrorTitle')}
        description={t('errors.network_error')}
        action={<Button onClick={() => setAskAgain((n) => n + 1)}>{t('common.retry')}</Button>}
      />
    )
  }
  if (snapshot.fatal) {
    if (snapshot.fatal.code === CloseCode.Unauthenticated && !sessionMismatch) return <Loading label={t('document.sessionEnded')} />
    return (
      <ErrorState
        title={t('document.errors.refusedTitle')}
        description={t(FATAL_MESSAGES[snapshot.fatal.code] ?? 'document.errors.generic', {
          code: snapshot.fatal.code,
        })}
        action={back}
      />
    )
  }

  return (
    <div className="document-view">
      <div className="document-view__meta">
        {readOnly && (
          <StatusPill tone="neutral" className="readonly-badge" title={t('document.readOnlyHint')}>
            {t('document.readOnly')}
          </StatusPill>
        )}
        <PresenceBar peers={snapshot.peers} />
        {initiativeId !== undefined && userId !== null && (
          <Link href={sectionItemPath(initiativeId, 'history', documentName.replace(`i/${initiativeId}/`, ''))} className="document-view__history">
            {t('history.historyLink')}
          </Link>
        )}
        <StatusIndicators connection={snapshot.connection} save={snapshot.save} showSave={!readOnly} />
      </div>
      {access.status === 'loading' || !session || !snapshot.loaded ? (
        <Loading label={t('document.loading')} />
      ) : (
        <CollaborativeEditor key={documentName} session={session} editable={!readOnly} />
      )}
    </div>
  )
}
