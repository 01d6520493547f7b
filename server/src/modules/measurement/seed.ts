// The measurement module's demo data: backbone staff approve the demo sheet's submitted values —
// all but the latest period's of two indicators (left submitted, for the approval queue) and one
// returned with a comment (for the correction workflow).
import type { DemoSeed } from '../../demo/seedDemo.ts'
import type { ModuleContext } from '../ServerModule.ts'
import type { ApprovalEntry, ApprovalStore } from './ApprovalStore.ts'
import type { MeasurementViews } from './views.ts'

export async function seedMeasurementDemo(ctx: ModuleContext, demo: DemoSeed, deps: { approvals: ApprovalStore; views: MeasurementViews }): Promise<void> {
  await ctx.readModel.settled()
  const submitted = deps.views.measurements(demo.initiativeId).filter((m) => m.workflow === 'submitted' && m.value !== null && m.issues.length === 0)
  if (submitted.length === 0) return
  const latestByIndicator = new Map<string, string>()
  for (const m of submitted) if ((latestByIndicator.get(m.indicatorId) ?? '') < m.period) latestByIndicator.set(m.indicatorId, m.period)
  const pending = new Set([...latestByIndicator.keys()].slice(0, 2))
  const decidedBy = { userId: demo.backboneUserId, name: ctx.directory.user(demo.backboneUserId)?.name ?? '' }
  const decidedAt = new Date().toISOString()
  let returned = false
  const entries: ApprovalEntry[] = []
  for (const m of submitted) {
    const latest = latestByIndicator.get(m.indicatorId) === m.period
    if (latest && pending.has(m.indicatorId)) continue
    const isReturn = !returned && latest && m.partnerId !== ''
    if (isReturn) returned = true
    entries.push({
      initiativeId: demo.initiativeId,
      key: m.key,
      fingerprint: m.fingerprint,
      value: m.value,
      definitionVersion: m.definitionVersion,
      decision: isReturn ? 'return' : 'approve',
      comment: isReturn ? 'This is well above last year — please check the source and correct or confirm.' : '',
      decidedAt,
      decidedBy,
    })
  }
  await deps.approvals.append(entries)
}
