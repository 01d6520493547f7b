// The partner and indicator names the history screens show instead of ids.
import { useMemo } from 'react'
import type { IndicatorListAnswer } from '@common-ground/domain'
import { api } from '../../api/http.ts'
import { enc, signalOnly } from '../../api/endpoints.ts'
import { useResource } from '../../api/useResource.ts'
import { usePartners } from '../../api/usePartners.ts'

export function useNames(initiativeId: string) {
  const partners = usePartners(initiativeId)
  const indicators = useResource(
    (signal) => api<IndicatorListAnswer>('GET', `/api/initiatives/${enc(initiativeId)}/indicators`, signalOnly(signal)),
    [initiativeId],
  )
  const partnerNames = useMemo(
    () => new Map(partners.state.status === 'ready' ? partners.state.data.partners.map((p) => [p.id, p.name] as const) : []),
    [partners.state],
  )
  const indicatorNames = useMemo(
    () => new Map(indicators.state.status === 'ready' ? indicators.state.data.indicators.map((i) => [i.id, i.name] as const) : []),
    [indicators.state],
  )
  return { partnerNames, indicatorNames }
}
