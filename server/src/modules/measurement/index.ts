// The measurement module: derives the measurement sheet into the read model, keeps the
// approvals (server-side, by fingerprint), and serves measurements, decisions, the CSV import, the
// export, the report card, who has not reported and the published report card (packages/domain/src/api/measurements.ts). Its demo data:
// backbone staff approve the seeded values, leaving a few submitted and one returned.
import path from 'node:path'
import type { ServerModule } from '../ServerModule.ts'
import { ApprovalStore } from './ApprovalStore.ts'
import { measurementRoutes, publicReportCardRoutes } from './routes.ts'
import { seedMeasurementDemo } from './seed.ts'
import { sheetDeriver } from './sheetDeriver.ts'
import { MeasurementViews } from './views.ts'

export function measurementModule(): ServerModule {
  let approvals: ApprovalStore | null = null
  let views: MeasurementViews | null = null
  const ready = () => {
    if (!approvals || !views) throw new Error('the measurement module is not started')
    return { approvals, views }
  }
  return {
    name: 'measurement',
    documentKinds: ['measurements'],
    derivers: [sheetDeriver],
    start: async (ctx) => {
      approvals = await ApprovalStore.open(path.join(ctx.config.dataDir, 'approvals.jsonl'))
      views = new MeasurementViews({ readModel: ctx.readModel, approvals, partnerIds: (id) => ctx.directory.scopeOf(id).partnerIds })
    },
    routes: (ctx) => [
      { path: '/api/initiatives', app: measurementRoutes(ctx, ready()) },
      { path: '/api/public', app: publicReportCardRoutes(ctx, ready()) },
    ],
    seedDemo: (ctx, demo) => seedMeasurementDemo(ctx, demo, ready()),
    stop: async () => {
      await approvals?.close()
    },
  }
}
