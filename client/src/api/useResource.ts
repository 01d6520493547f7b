// useResource: loads something from the API in an effect, with loading / error / ready states
// and a reload; the request is aborted when the inputs change or the screen goes away. When the
// server answers again after it did not (offline/connectivity.ts), it reloads by itself,
// keeping what it shows until the new answer arrives.
import { useCallback, useEffect, useState } from 'react'
import { ApiError } from './http.ts'
import { onReconnect } from '../offline/connectivity.ts'

export type ResourceState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T }

export function useResource<T>(
  load: ((signal: AbortSignal) => Promise<T>) | null,
  deps: readonly unknown[],
): { state: ResourceState<T>; reload: () => void; set: (data: T) => void } {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (!load) return
    const controller = new AbortController()
    setState((current) => (current.status === 'ready' && attempt > 0 ? current : { status: 'loading' }))
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState({
          status: 'error',
          error: error instanceof ApiError ? error : new ApiError(0, 'unexpected_response', String(error)),
        })
      },
    )
    return () => controller.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt])
  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  useEffect(() => onReconnect(reload), [reload])
  const set = useCallback((data: T) => setState({ status: 'ready', data }), [])
  return { state, reload, set }
}
