// The agenda module: derives the common agenda's structured blocks into the read model (goals,
// indicators with versioned definitions, glossary terms, with provenance) and serves them with
// the endorsements (packages/domain/src/api/agenda.ts). Its demo data: the partner executive
// endorses the seeded agenda, then backbone staff revise an indicator (an interim target), so the
// demo shows a versioned definition and "changed since your endorsement".
import { agendaDocumentName } from '@common-ground/domain'
import { reviseDemoAgenda } from '../../demo/demoAgendaBlocks.ts'
import type { ServerModule } from '../ServerModule.ts'
import { agendaDeriver } from './agendaDeriver.ts'
import { agendaRoutes } from './routes.ts'

export const agendaModule: ServerModule = {
  name: 'agenda',
  derivers: [agendaDeriver],
  routes: (ctx) => [{ path: '/api/initiatives', app: agendaRoutes(ctx) }],
  seedDemo: async (ctx, demo) => {
    await ctx.readModel.settled()
    const name = agendaDocumentName(demo.initiativeId)
    const version = ctx.readModel.get(name)?.seq ?? 0
    for (const membership of ctx.directory.members(demo.initiativeId)) {
      if (membership.role !== 'partner' || !membership.partnerId) continue
      await ctx.directory.audit.append({
        action: 'agenda.endorsed',
        actorId: membership.userId,
        initiativeId: demo.initiativeId,
        subjectUserId: null,
        target: { type: 'partner', id: membership.partnerId },
        details: { version, document: name, name: ctx.directory.user(membership.userId)?.name ?? '' },
        ip: null,
      })
    }
    await ctx.documents.write(name, reviseDemoAgenda, demo.backboneUserId, 'demo: an interim target agreed')
    await ctx.readModel.settled()
  },
}
