// The measurement module's API calls: the indicators, the measurements with their workflow state,
// approvals, a cell's history, who has not reported, exports, and the CSV import (an
// XMLHttpRequest, so a large file's upload shows its progress).
import type {
  ApprovalAnswer,
  ApprovalBody,
  ImportReport,
  IndicatorAnswer,
  IndicatorListAnswer,
  MeasurementHistoryAnswer,
  MeasurementListAnswer,
  MeasurementWorkflow,
  ReportingStatusAnswer,
} from '@common-ground/domain'
import { api, ApiError } from '../../api/http.ts'
import { enc, getMe, signalOnly } from '../../api/endpoints.ts'

const base = (id: string) => `/api/initiatives/${enc(id)}`

export const listIndicators = (id: string, signal?: AbortSignal) => api<IndicatorListAnswer>('GET', `${base(id)}/indicators`, signalOnly(signal))

export const getIndicator = (id: string, indicatorId: string, signal?: AbortSignal) =>
  api<IndicatorAnswer>('GET', `${base(id)}/indicators/${enc(indicatorId)}`, signalOnly(signal))

/** The checked measurements, optionally of one workflow state or one reporter ('' initiative-wide). */
export const listMeasurements = (id: string, filter: { workflow?: MeasurementWorkflow; partnerId?: string } = {}, signal?: AbortSignal) => {
  const query = new URLSearchParams()
  if (filter.workflow) query.set('workflow', filter.workflow)
  if (filter.partnerId !== undefined) query.set('partnerId', filter.partnerId)
  const search = query.toString()
  return api<MeasurementListAnswer>('GET', `${base(id)}/measurements${search ? `?${search}` : ''}`, signalOnly(signal))
}

export const decideMeasurements = (id: string, body: ApprovalBody) => api<ApprovalAnswer>('POST', `${base(id)}/measurements/approvals`, { body })

export const measurementHistory = (id: string, key: string, signal?: AbortSignal) =>
  api<MeasurementHistoryAnswer>('GET', `${base(id)}/measurements/history?key=${enc(key)}`, signalOnly(signal))

export const reportingStatus = (id: string, signal?: AbortSignal) => api<ReportingStatusAnswer>('GET', `${base(id)}/reporting-status`, signalOnly(signal))

export const exportHref = (id: string, format: 'csv' | 'json') => `${base(id)}/measurements/export?format=${format}`

export interface ImportRequest {
  initiativeId: string
  file: Blob
  dryRun: boolean
  /** The `mapping` query parameter (importMapping.ts). */
  mapping: string
  /** The partner of rows without a partner column. */
  partnerId?: string
  onProgress?: (fraction: number) => void
}

/** The import's answer: the report (200), or the report of the rejected rows (422 import_rejected). */
export type ImportResult = { ok: true; report: ImportReport } | { ok: false; report: ImportReport }

/** Posts a CSV file to the import route; throws ApiError for any other refusal. */
export async function importMeasurements(request: ImportRequest): Promise<ImportResult> {
  // The CSRF token of http.ts is not exported: GET /api/me gives the session's (and checks it is still signed in).
  const { csrfToken } = await getMe()
  const query = new URLSearchParams({ dryRun: String(request.dryRun), mapping: request.mapping })
  if (request.partnerId !== undefined) query.set('partnerId', request.partnerId)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${base(request.initiativeId)}/measurements/import?${query.toString()}`)
    xhr.setRequestHeader('content-type', 'text/csv')
    xhr.setRequestHeader('accept', 'application/json')
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken)
    xhr.withCredentials = true
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) request.onProgress?.(event.loaded / event.total)
    }
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The server could not be reached.'))
    xhr.onload = () => {
      let body: unknown
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = null
      }
      if (xhr.status === 200) return resolve({ ok: true, report: body as ImportReport })
      const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
      if (xhr.status === 422 && body && typeof body === 'object' && 'errors' in body) return resolve({ ok: false, report: body as ImportReport })
      reject(
        new ApiError(
          xhr.status,
          typeof error?.code === 'string' ? error.code : `http_${xhr.status}`,
          typeof error?.message === 'string' ? error.message : xhr.statusText,
        ),
      )
    }
    request.onProgress?.(0)
    xhr.send(request.file)
  })
}
