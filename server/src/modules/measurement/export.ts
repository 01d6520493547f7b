// The measurements as CSV: one row per cell with its workflow state, UTF-8 with a BOM.
import Papa from 'papaparse'
import type { Measurement } from '@common-ground/domain'

export function measurementsCsv(measurements: readonly Measurement[]): string {
  const rows = measurements.map((m) => ({
    indicator: m.indicatorId,
    period: m.period,
    partner: m.partnerId,
    dimension: m.dimension,
    category: m.category,
    value: m.value ?? '',
    note: m.note,
    source: m.source,
    workflow: m.workflow,
    definition_version: m.definitionVersion,
    issues: m.issues.map((i) => `${i.field}: ${i.code}`).join('; '),
    changed_at: m.provenance.changedAt,
    changed_by: m.provenance.changedBy?.name ?? '',
  }))
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n', columns: ['indicator', 'period', 'partner', 'dimension', 'category', 'value', 'note', 'source', 'workflow', 'definition_version', 'issues', 'changed_at', 'changed_by'] })}\r\n`
}
