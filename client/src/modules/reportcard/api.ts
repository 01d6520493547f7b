// The report card module's API calls: the members' card and the published (anonymous) card.
import type { ReportCardAnswer } from '@common-ground/domain'
import { api } from '../../api/http.ts'
import { enc, signalOnly } from '../../api/endpoints.ts'

export const getReportCard = (id: string, signal?: AbortSignal) => api<ReportCardAnswer>('GET', `/api/initiatives/${enc(id)}/report-card`, signalOnly(signal))

/** 404 `not_found` while the backbone has not published the card. */
export const getPublicReportCard = (id: string, signal?: AbortSignal) =>
  api<ReportCardAnswer>('GET', `/api/public/initiatives/${enc(id)}/report-card`, signalOnly(signal))
