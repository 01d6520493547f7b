// How workflow and reporting states look: a tone (colour) and a symbol, always next to their text,
// never colour alone; and numbers in the UI language.
import type { MeasurementRecord, MeasurementWorkflow, ReportingState } from '@common-ground/domain'
import { measurementFingerprint, type Measurement } from '@common-ground/domain'
import type { Tone } from '../../design/index.ts'
import { intlLocale } from '../../i18n/locale.ts'

export const WORKFLOW_TONE: Record<MeasurementWorkflow, Tone> = { draft: 'neutral', submitted: 'accent', approved: 'success', returned: 'danger' }
export const WORKFLOW_SYMBOL: Record<MeasurementWorkflow, string> = { draft: '✎', submitted: '↑', approved: '✓', returned: '↩' }

export const REPORTING_TONE: Record<ReportingState, Tone> = {
  approved: 'success',
  submitted: 'accent',
  draft: 'neutral',
  returned: 'danger',
  due: 'warning',
  overdue: 'danger',
}
export const REPORTING_SYMBOL: Record<ReportingState, string> = { approved: '✓', submitted: '↑', draft: '✎', returned: '↩', due: '○', overdue: '!' }

/**
 * A cell's workflow state: the server's (approved / returned) while it is about this exact value,
 * else what the document says (draft / submitted) — a value changed since a decision is a new one.
 */
export function workflowOf(record: MeasurementRecord, server: Measurement | undefined): MeasurementWorkflow {
  if (server && server.fingerprint === measurementFingerprint(record)) return server.workflow
  return record.status
}

const formats = new Map<string, Intl.NumberFormat>()

export function formatNumber(value: number, language: string): string {
  let format = formats.get(language)
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 4 })
    formats.set(language, format)
  }
  return format.format(value)
}
