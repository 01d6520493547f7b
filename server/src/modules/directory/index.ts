// The directory module: initiatives (with their partners, members and audit log), invitations,
// the public view of published documents and the document access check, over the Directory
// (server/src/directory/). It owns the initiative document kinds; their initial content is
// written through the document writer (one write path, RoomManager.transact).
import type { AccessGate } from '../../access/AccessGate.ts'
import type { DocumentWriter } from '../../documents/initialDocument.ts'
import { initiativeRoutes } from '../../http/initiativeRoutes.ts'
import { invitationRoutes } from '../../http/invitationRoutes.ts'
import { accessRoutes, publicRoutes } from '../../http/publicRoutes.ts'
import type { ModuleRoute, ServerModule } from '../ServerModule.ts'

export function directoryRoutes(deps: { documents: DocumentWriter; access: AccessGate }): ModuleRoute[] {
  return [
    { path: '/api/initiatives', app: initiativeRoutes({ documents: deps.documents }) },
    { path: '/api/invitations', app: invitationRoutes() },
    { path: '/api/public', app: publicRoutes() },
    { path: '/api/access', app: accessRoutes(deps.access) },
  ]
}

/** The Directory is opened by startServer (the guard of every API request needs it) and closed there at shutdown. */
export const directoryModule: ServerModule = {
  name: 'directory',
  documentKinds: ['agenda', 'partner'],
  routes: (ctx) => directoryRoutes({ documents: ctx.documents, access: ctx.access }),
}
