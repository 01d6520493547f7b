// The initiative archive over HTTP (docs/archive.md): the same tar `pnpm cg export` writes,
// downloaded by backbone staff.
import * as z from 'zod'
import { notFound, type ApiOperation } from './operationTypes.ts'

export const archiveExportQuery = z.object({
  format: z.enum(['tar', 'tar.gz']).default('tar').meta({ description: '`tar` (default) or `tar.gz` (gzipped).' }),
})
export type ArchiveExportQuery = z.input<typeof archiveExportQuery>

/** The file name the download suggests: `<initiative>-<YYYY-MM-DD>.tar` (or `.tar.gz`). */
export function archiveFileName(initiativeId: string, at: Date, format: 'tar' | 'tar.gz' = 'tar'): string {
  return `${initiativeId}-${at.toISOString().slice(0, 10)}.${format}`
}

export const ARCHIVE_OPERATIONS = {
  exportInitiativeArchive: {
    method: 'get',
    path: '/api/initiatives/{id}/export',
    summary: 'The whole initiative as one archive (the same tar as `pnpm cg export`)',
    tags: ['initiatives'],
    auth: 'user',
    action: 'initiative.export',
    query: archiveExportQuery,
    responses: {
      200: {
        description:
          'A tar (`application/x-tar`; `format=tar.gz`: `application/gzip`) with Content-Disposition attachment: manifest, initiative, partners, members (never a password hash, session or token), endorsements, approvals, audit log, every document with its attributed history and current state, the read model (docs/archive.md). Audit: `initiative.exported`.',
        contentType: 'application/x-tar',
      },
    },
    errors: [notFound()],
  },
} as const satisfies Record<string, ApiOperation>
