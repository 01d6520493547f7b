// "Who has not reported": per indicator, expected reporter and period, what is approved,
// submitted, draft, returned, due (the period ended, its reporting lag not yet) or overdue. The
// expected reporters of an indicator: its owner partner and every partner with a cell for it, or
// the initiative-wide row ('') when nobody owns it. Periods run from the baseline (or the first
// value) to the last period that has ended, at most MAX_PERIODS back.
import {
  FREQUENCY_PERIOD,
  agendaDocumentName,
  duePeriod,
  parsePeriod,
  periodContaining,
  previousPeriod,
  type AgendaReadState,
  type ReportingState,
  type ReportingStatusAnswer,
} from '@common-ground/domain'
import type { ModuleContext } from '../ServerModule.ts'
import type { MeasurementViews } from './views.ts'

const MAX_PERIODS = 12

export function reportingStatus(views: MeasurementViews, ctx: Pick<ModuleContext, 'readModel'>, initiativeId: string, asOf: number): ReportingStatusAnswer {
  const agenda = ctx.readModel.get<AgendaReadState>(agendaDocumentName(initiativeId))?.state
  const measurements = views
    .measurements(initiativeId)
    .filter((m) => m.dimension === '' && m.issues.every((i) => i.field !== 'period' && i.field !== 'indicatorId'))
  const rows: ReportingStatusAnswer['rows'] = []
  for (const indicator of agenda?.indicators ?? []) {
    const mine = measurements.filter((m) => m.indicatorId === indicator.id)
    const reporters = new Set<string>(mine.map((m) => m.partnerId))
    if (indicator.ownerPartnerId) reporters.add(indicator.ownerPartnerId)
    if (reporters.size === 0) reporters.add('')
    const kind = FREQUENCY_PERIOD[indicator.frequency]
    const due = duePeriod(indicator.frequency, asOf)
    let period = previousPeriod(periodContaining(kind, asOf))
    const first = indicator.baseline ? parsePeriod(indicator.baseline.period) : null
    const firstValue = mine
      .map((m) => parsePeriod(m.period))
      .filter((p) => p !== null)
      .sort((a, b) => a.end - b.end)[0]
    const start = Math.min(first?.end ?? Infinity, firstValue?.end ?? Infinity)
    const periods = []
    while (periods.length < MAX_PERIODS && (periods.length === 0 || period.end > start)) {
      periods.push(period)
      period = previousPeriod(period)
    }
    for (const p of periods.reverse()) {
      for (const partnerId of reporters) {
        const cell = mine.find((m) => m.partnerId === partnerId && m.period === p.id)
        let state: ReportingState
        if (cell && cell.value !== null) state = cell.workflow
        else state = p.end <= due.end ? 'overdue' : 'due'
        rows.push({ indicatorId: indicator.id, partnerId, period: p.id, state })
      }
    }
  }
  const partners = new Map<string, ReportingStatusAnswer['partners'][number]>()
  for (const row of rows) {
    const entry = partners.get(row.partnerId) ?? { partnerId: row.partnerId, approved: 0, submitted: 0, draft: 0, returned: 0, due: 0, overdue: 0 }
    entry[row.state]++
    partners.set(row.partnerId, entry)
  }
  return { asOf: new Date(asOf).toISOString(), rows, partners: [...partners.values()] }
}
