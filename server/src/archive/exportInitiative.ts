// Export: one initiative's whole record as an archive (format.ts, docs/archive.md) — every stored
// document of the initiative with its full attributed history and current state, the initiative,
// its partners and members (names, roles, emails; never password hashes, sessions or tokens), the
// endorsements, approvals, meeting series and meetings, and audit entries, and the read model (provenance and indicator
// definition versions cannot be derived from the documents' current state alone).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as Y from 'yjs'
import { parseDocumentName } from '@common-ground/domain'
import { documentFileName } from '@common-ground/protocol'
import type { DerivedDocument } from '../derivation/types.ts'
import type { Directory } from '../directory/Directory.ts'
import { historyMarksFile } from '../modules/history/HistoryStore.ts'
import type { DocumentStorage, LogRecord } from '../storage/DocumentStorage.ts'
import { VERSION } from '../version.ts'
import {
  ARCHIVE_FILES,
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  ArchiveError,
  documentStateFile,
  documentUpdatesFile,
  documentVersionsFile,
  jsonBytes,
  jsonLinesBytes,
  packTar,
  readModelFile,
  sha256Hex,
  type ArchivedDocument,
  type ArchivedMember,
  type ArchivedVersionMark,
  type Manifest,
} from './format.ts'

export interface ExportSource {
  storage: Pick<DocumentStorage, 'list' | 'history'>
  /** The document's current state as a Yjs v1 update; defaults to the history applied in order. */
  state?: (name: string, history: readonly LogRecord[]) => Promise<Uint8Array>
  directory: Directory
  readModel: { get(name: string): DerivedDocument | undefined }
  /** Where approvals.jsonl is. */
  dataDir: string
}

export interface ExportResult {
  bytes: Buffer
  manifest: Manifest
}

/** The state the records build, applied in seq order. */
export function stateFromRecords(records: readonly LogRecord[]): Uint8Array {
  const doc = new Y.Doc()
  Y.transact(doc, () => {
    for (const record of records) Y.applyUpdate(doc, record.update)
  })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

/** Lines of a JSON-lines file that parse (a torn last line from a crash is skipped); [] when absent. */
export async function readJsonLines<T>(file: string): Promise<T[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const out: T[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      out.push(JSON.parse(line) as T)
    } catch {
      // a torn last line: it was never acknowledged
    }
  }
  return out
}

/** The stored documents of an initiative: every name under `i/<id>/`, whatever its kind. */
export async function initiativeDocumentNames(storage: Pick<DocumentStorage, 'list'>, initiativeId: string): Promise<string[]> {
  const prefix = `i/${initiativeId}/`
  return (await storage.list()).filter((name) => name.startsWith(prefix)).sort()
}

export async function exportInitiative(source: ExportSource, initiativeId: string, options: { gzip?: boolean; now?: Date } = {}): Promise<ExportResult> {
  const { directory } = source
  const initiative = directory.initiative(initiativeId)
  if (!initiative) throw new ArchiveError('not_found', `No initiative ${JSON.stringify(initiativeId)} in this data directory.`)
  const now = options.now ?? new Date()
  const files: { path: string; bytes: Buffer }[] = []
  const userIds = new Set<string>()

  const members: ArchivedMember[] = directory.members(initiativeId).map((m) => {
    const user = directory.user(m.userId)
    return {
      userId: m.userId,
      name: user?.name ?? '',
      email: user?.email ?? '',
      language: user?.language ?? 'en',
      role: m.role,
      partnerId: m.partnerId,
      joinedAt: m.joinedAt,
    }
  })
  const partners = directory.partners(initiativeId)
  const audit = directory.audit.query({ initiativeId, memberIds: new Set(), limit: Number.MAX_SAFE_INTEGER }).reverse()
  for (const entry of audit) if (entry.actorId) userIds.add(entry.actorId)
  const endorsements = audit.filter((entry) => entry.action === 'agenda.endorsed')
  const approvals = (await readJsonLines<{ initiativeId: string; decidedBy?: { userId?: string } }>(path.join(source.dataDir, 'approvals.jsonl'))).filter(
    (entry) => entry.initiativeId === initiativeId,
  )
  for (const entry of approvals) if (entry.decidedBy?.userId) userIds.add(entry.decidedBy.userId)
  // The meetings module's series and meetings: each as it is now (the latest line of its id).
  const meetingLines = new Map<string, { type: string; record: { id: string; initiativeId: string; createdBy?: { userId?: string } | null } }>()
  for (const line of await readJsonLines<{ type: string; record: { id: string; initiativeId: string; createdBy?: { userId?: string } | null } }>(
    path.join(source.dataDir, 'meetings.jsonl'),
  ))
    if (line.record?.initiativeId === initiativeId) meetingLines.set(`${line.type}/${line.record.id}`, line)
  const meetings = [...meetingLines.values()]
  for (const line of meetings) if (line.record.createdBy?.userId) userIds.add(line.record.createdBy.userId)

  const documents: ArchivedDocument[] = []
  const documentFiles: { path: string; bytes: Buffer }[] = []
  let updates = 0
  for (const name of await initiativeDocumentNames(source.storage, initiativeId)) {
    const history = await source.storage.history(name)
    const state = source.state ? await source.state(name, history) : stateFromRecords(history)
    const file = documentFileName(name)
    const ref = parseDocumentName(name)
    for (const record of history) if (record.user) userIds.add(record.user)
    documentFiles.push({
      path: documentUpdatesFile(file),
      bytes: jsonLinesBytes(
        history.map((r) => ({
          seq: r.seq,
          time: r.time,
          user: r.user,
          update: Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength).toString('base64'),
        })),
      ),
    })
    documentFiles.push({ path: documentStateFile(file), bytes: Buffer.from(state) })
    // Named versions and restores: not derivable from the updates (docs/storage.md, history). Only those of the exported history.
    const lastSeq = history.at(-1)?.seq ?? 0
    const marks = (await readJsonLines<ArchivedVersionMark>(historyMarksFile(source.dataDir, name))).filter((m) => m.seq <= lastSeq)
    for (const mark of marks) if (mark.type === 'name' && mark.createdBy) userIds.add(mark.createdBy)
    if (marks.length > 0) documentFiles.push({ path: documentVersionsFile(file), bytes: jsonLinesBytes(marks) })
    const derived = source.readModel.get(name)
    if (derived) documentFiles.push({ path: readModelFile(file), bytes: jsonBytes(derived) })
    updates += history.length
    documents.push({
      name,
      file,
      kind: ref?.kind ?? 'unknown',
      ...(ref?.partnerId !== undefined ? { partnerId: ref.partnerId } : {}),
      updates: history.length,
      lastSeq: history.at(-1)?.seq ?? 0,
      stateVector: Buffer.from(Y.encodeStateVectorFromUpdate(state)).toString('base64'),
    })
  }
  const authors = [...userIds].sort().map((userId) => ({ userId, name: directory.user(userId)?.name ?? null }))

  files.push({ path: ARCHIVE_FILES.initiative, bytes: jsonBytes(initiative) })
  files.push({ path: ARCHIVE_FILES.partners, bytes: jsonBytes(partners) })
  files.push({ path: ARCHIVE_FILES.members, bytes: jsonBytes(members) })
  files.push({ path: ARCHIVE_FILES.authors, bytes: jsonBytes(authors) })
  files.push({ path: ARCHIVE_FILES.endorsements, bytes: jsonBytes(endorsements) })
  files.push({ path: ARCHIVE_FILES.audit, bytes: jsonLinesBytes(audit) })
  files.push({ path: ARCHIVE_FILES.approvals, bytes: jsonLinesBytes(approvals) })
  files.push({ path: ARCHIVE_FILES.meetings, bytes: jsonLinesBytes(meetings) })
  files.push({ path: ARCHIVE_FILES.documents, bytes: jsonBytes(documents) })
  files.push(...documentFiles)

  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    createdAt: now.toISOString(),
    software: VERSION,
    initiativeId,
    counts: {
      documents: documents.length,
      updates,
      partners: partners.length,
      members: members.length,
      endorsements: endorsements.length,
      approvals: approvals.length,
      meetings: meetings.length,
      auditEntries: audit.length,
    },
    files: files.map((f) => ({ path: f.path, bytes: f.bytes.length, sha256: sha256Hex(f.bytes) })),
  }
  const bytes = await packTar([{ path: ARCHIVE_FILES.manifest, bytes: jsonBytes(manifest) }, ...files], { gzip: options.gzip ?? false, mtime: now })
  return { bytes, manifest }
}
