// The archive over HTTP: `GET /api/initiatives/:id/export` answers the same tar `pnpm cg export`
// writes (docs/archive.md), built from the running server — each document's history read through
// the storage (in the document's queue, so every acknowledged update is in it), its current state
// the history applied in order — for backbone staff (`initiative.export`), audited as
// `initiative.exported`.
import { archiveExportQuery, archiveFileName } from '@common-ground/domain'
import { actorOf, requireAction } from '../http/authz.ts'
import { parseWith } from '../http/validate.ts'
import { createModuleApp, type ModuleContext, type ServerModule } from '../modules/ServerModule.ts'
import { exportInitiative } from './exportInitiative.ts'

export function archiveRoutes(ctx: ModuleContext) {
  return createModuleApp().get('/:id/export', async (c) => {
    const { initiative } = requireAction(c, c.req.param('id'), 'initiative.export')
    const { format } = parseWith(archiveExportQuery, c.req.query())
    const who = actorOf(c)
    await ctx.readModel.settled()
    const now = new Date()
    const { bytes, manifest } = await exportInitiative(
      { storage: ctx.storage, directory: ctx.directory, readModel: ctx.readModel, dataDir: ctx.config.dataDir },
      initiative.id,
      { gzip: format === 'tar.gz', now },
    )
    await ctx.directory.audit.append({
      action: 'initiative.exported',
      actorId: who.userId,
      initiativeId: initiative.id,
      subjectUserId: null,
      target: null,
      details: { format, bytes: bytes.length, documents: manifest.counts.documents, updates: manifest.counts.updates },
      ip: who.ip,
    })
    c.header('Content-Type', format === 'tar.gz' ? 'application/gzip' : 'application/x-tar')
    c.header('Content-Disposition', `attachment; filename="${archiveFileName(initiative.id, now, format)}"`)
    c.header('Content-Length', String(bytes.length))
    c.header('Cache-Control', 'no-store')
    return c.body(new Uint8Array(bytes))
  })
}

/** The server module of the archive's HTTP route. */
export const archiveModule: ServerModule = {
  name: 'archive',
  routes: (ctx) => [{ path: '/api/initiatives', app: archiveRoutes(ctx) }],
}
