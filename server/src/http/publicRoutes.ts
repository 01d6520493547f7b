// GET /api/public/initiatives (who published something), GET /api/public/initiatives/:id (what
// the backbone published, no sign-in) and
// GET /api/access?document=<name> (what the caller may do with one document).
import { Hono } from 'hono'
import { isValidDocumentName } from '@common-ground/protocol'
import { parseDocumentName, type DocumentAccessAnswer, type PublicInitiative, type PublicInitiativeList } from '@common-ground/domain'
import type { AccessGate } from '../access/AccessGate.ts'
import { ApiError } from './ApiError.ts'
import { auth, type AppEnv } from './authz.ts'

export function publicRoutes() {
  return new Hono<AppEnv>()
    .get('/initiatives', (c) => {
      const initiatives = c.get('directory').publishedInitiatives()
      return c.json({
        initiatives: initiatives.map(({ id, name, description, languages, geography }) => ({ id, name, description, languages, geography })),
      } satisfies PublicInitiativeList)
    })
    .get('/initiatives/:id', (c) => {
      const directory = c.get('directory')
      const initiative = directory.initiative(c.req.param('id'))
      const documents = initiative
        ? directory
            .documentsOf(initiative.id)
            .filter((d) => directory.documentAccess(d.name, null) !== 'none')
            .map((d) => ({ name: d.name, kind: d.kind }))
        : []
      const reportCard = initiative?.published.includes('reportCard') ?? false
      if (!initiative || (documents.length === 0 && !reportCard)) throw new ApiError(404, 'not_found', 'No such published initiative.')
      const { id, name, description, languages, geography } = initiative
      return c.json({ initiative: { id, name, description, languages, geography }, documents, reportCard } satisfies PublicInitiative)
    })
}

export function accessRoutes(gate: AccessGate) {
  return new Hono<AppEnv>().get('/', (c) => {
    const name = c.req.query('document') ?? ''
    if (!isValidDocumentName(name)) throw new ApiError(400, 'invalid_document_name', 'That is not a valid document name.')
    const principal = auth(c).principal
    const access = gate.documentAccess(name, principal)
    if (access === 'none') {
      // Existence is not revealed: not found, whether the document is missing or closed to the caller.
      throw new ApiError(404, 'not_found', 'No such document, or you may not read it.')
    }
    const ref = parseDocumentName(name)
    return c.json({ document: name, access, initiativeId: ref?.initiativeId ?? null, kind: ref?.kind ?? null } satisfies DocumentAccessAnswer)
  })
}
