// The loading and failed states of a `useResource` answer, the same everywhere: a spinner
// while it loads, the error with "Try again" when it failed (offline and never loaded in this
// browser: that it loads by itself when the connection returns), nothing once it is ready.
import { useTranslation } from 'react-i18next'
import { Button, ErrorState, Loading } from '../design/index.ts'
import { errorMessage } from '../api/errorMessage.ts'
import type { ResourceState } from '../api/useResource.ts'

export function ResourceStatus({
  state,
  reload,
  loadingLabel,
  errorTitle,
}: {
  state: ResourceState<unknown>
  reload: () => void
  loadingLabel: string
  errorTitle: string
}) {
  const { t } = useTranslation()
  if (state.status === 'loading') return <Loading label={loadingLabel} />
  if (state.status === 'error') {
    const description = state.error.code === 'network_error' ? t('offline.notCached') : errorMessage(t, state.error)
    return <ErrorState title={errorTitle} description={description} action={<Button onClick={reload}>{t('common.retry')}</Button>} />
  }
  return null
}
