// The activities as CSV: one row per activity, UTF-8 with a BOM; lists joined with `; `.
import Papa from 'papaparse'
import type { ActivityView } from '@common-ground/domain'

const COLUMNS = [
  'id',
  'title',
  'description',
  'lead_partner',
  'contributors',
  'goals',
  'indicators',
  'status',
  'start',
  'end',
  'budget',
  'staff',
  'strategy',
  'issues',
  'changed_at',
  'changed_by',
] as const

export function activitiesCsv(activities: readonly ActivityView[]): string {
  const rows = activities.map((a) => ({
    id: a.id,
    title: a.title,
    description: a.description,
    lead_partner: a.leadPartnerId,
    contributors: a.contributors.map((c) => `${c.partnerId}: ${c.role}`).join('; '),
    goals: a.goalIds.join('; '),
    indicators: a.indicators.map((i) => `${i.indicatorId}: ${i.effect}`).join('; '),
    status: a.status,
    start: a.start ?? '',
    end: a.end ?? '',
    budget: a.budget ?? '',
    staff: a.staff ?? '',
    strategy: a.strategyId ?? '',
    issues: a.issues.map((i) => `${i.field}: ${i.code}`).join('; '),
    changed_at: a.provenance.changedAt,
    changed_by: a.provenance.changedBy?.name ?? '',
  }))
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n', columns: [...COLUMNS] })}\r\n`
}
