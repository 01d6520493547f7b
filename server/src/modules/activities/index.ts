// The activity map module: derives the map document (`i/<id>/activities`) into the read model,
// checks it against the agenda and the partners, runs the coordination check, and serves
// activities, relations, findings and the export (packages/domain/src/api/activities.ts). Its demo
// data: a full map for the demo initiative (server/src/demo/demoActivities.ts).
import { activitiesDocumentName } from '@common-ground/domain'
import { writeDemoActivities } from '../../demo/demoActivities.ts'
import type { ServerModule } from '../ServerModule.ts'
import { activityMapDeriver } from './deriver.ts'
import { activityRoutes } from './routes.ts'
import { ActivityViews } from './views.ts'

export function activitiesModule(): ServerModule {
  let views: ActivityViews | null = null
  const ready = () => {
    if (!views) throw new Error('the activities module is not started')
    return views
  }
  return {
    name: 'activities',
    documentKinds: ['activities'],
    derivers: [activityMapDeriver],
    start: async (ctx) => {
      views = new ActivityViews({ readModel: ctx.readModel, partners: (id) => ctx.directory.partners(id).map((p) => ({ id: p.id, sector: p.sector })) })
    },
    routes: (ctx) => [{ path: '/api/initiatives', app: activityRoutes(ctx, ready()) }],
    seedDemo: async (ctx, demo) => {
      await ctx.documents.write(activitiesDocumentName(demo.initiativeId), (doc) => writeDemoActivities(doc), demo.backboneUserId, 'demo')
    },
  }
}
