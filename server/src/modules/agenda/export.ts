// The indicators as CSV: one row per indicator, UTF-8 with a BOM (so spreadsheet programs read
// Hebrew and Arabic correctly), targets and disaggregations in readable cells.
import Papa from 'papaparse'
import type { IndicatorRecordView } from '@common-ground/domain'

export function indicatorsCsv(indicators: readonly IndicatorRecordView[], partners: readonly { id: string; name: string }[]): string {
  const partnerName = new Map(partners.map((p) => [p.id, p.name]))
  const rows = indicators.map((i) => ({
    id: i.id,
    goal: i.goalId ?? '',
    name: i.name,
    definition: i.definition,
    value_type: i.valueType,
    unit: i.unit,
    rate_base: i.rateBase ?? '',
    polarity: i.polarity,
    baseline_value: i.baseline?.value ?? '',
    baseline_period: i.baseline?.period ?? '',
    targets: i.targets.map((t) => `${t.period}: ${t.value}${t.upper !== undefined ? `–${t.upper}` : ''}`).join('; '),
    frequency: i.frequency,
    data_source: i.dataSource,
    owner: i.ownerPartnerId ? (partnerName.get(i.ownerPartnerId) ?? i.ownerPartnerId) : '',
    disaggregations: i.disaggregations.map((d) => `${d.dimension}: ${d.categories.join(', ')}`).join('; '),
    min_change: i.minChange ?? '',
    version: i.version,
    issues: i.issues.map((issue) => `${issue.field}: ${issue.code}`).join('; '),
    changed_at: i.provenance.changedAt,
    changed_by: i.provenance.changedBy?.name ?? '',
  }))
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n' })}\r\n`
}
