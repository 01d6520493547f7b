// Under the header, on every screen: that what is shown comes from this browser's copy while the
// server cannot be reached ("Offline — showing what this browser last saw, <time>"), and how
// many local edits are not on the server yet; while there are, closing the tab asks first.
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../screens/format.ts'
import { useSession } from '../session/sessionStore.ts'
import { useConnectivity } from './connectivity.ts'
import { usePendingEdits } from './pendingEdits.ts'

export function OfflineStatus() {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const userId = session.status === 'signedIn' ? session.user.id : null
  const { staleSince } = useConnectivity()
  const pending = usePendingEdits(userId)

  useEffect(() => {
    if (pending === 0) return
    const warn = (event: BeforeUnloadEvent) => {
      // Browsers show their own wording; the edits stay in this browser either way.
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [pending])

  return (
    <div className="offline-status" role="status">
      {staleSince !== null && (
        <p className="offline-status__item offline-status__stale" data-since={staleSince}>
          {t('offline.stale', { time: formatDateTime(new Date(staleSince).toISOString(), i18n.language) })}
        </p>
      )}
      {pending > 0 && (
        <p className="offline-status__item offline-status__pending" data-count={pending}>
          {t('offline.pendingEdits', { count: pending })}
        </p>
      )}
    </div>
  )
}
