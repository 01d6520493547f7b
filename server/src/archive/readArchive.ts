// Reads an archive and checks all of it before anything is written: the tar (or gzip) whole, the
// manifest's format and version, every file's size and SHA-256, no file missing or extra, every
// JSON file's shape, every document's updates in strictly increasing seq order and applying to
// exactly the archived state (state vector and delete set). Throws ArchiveError with a stable code.
import * as Y from 'yjs'
import { z } from 'zod'
import { documentFileName } from '@common-ground/protocol'
import type { DerivedDocument } from '../derivation/types.ts'
import type { LogRecord } from '../storage/DocumentStorage.ts'
import {
  ARCHIVE_FILES,
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  ArchiveError,
  documentStateFile,
  documentVersionsFile,
  documentUpdatesFile,
  readModelFile,
  sha256Hex,
  unpackTar,
  type ArchivedDocument,
  type ArchivedMember,
  type ArchivedVersionMark,
  type Manifest,
} from './format.ts'

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.number().int(),
  createdAt: z.string(),
  software: z.string(),
  initiativeId: z.string().min(1),
  counts: z.object({
    documents: z.number().int(),
    updates: z.number().int(),
    partners: z.number().int(),
    members: z.number().int(),
    endorsements: z.number().int(),
    approvals: z.number().int(),
    meetings: z.number().int().optional(),
    auditEntries: z.number().int(),
  }),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
})

const initiativeSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  published: z.array(z.string()),
})
const partnerSchema = z.looseObject({ id: z.string().min(1), initiativeId: z.string(), name: z.string() })
const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  language: z.string(),
  role: z.string(),
  partnerId: z.string().nullable(),
  joinedAt: z.string(),
})
const authorSchema = z.object({ userId: z.string(), name: z.string().nullable() })
const auditSchema = z.looseObject({ id: z.string(), at: z.string(), action: z.string(), initiativeId: z.string().nullable() })
const approvalSchema = z.looseObject({ initiativeId: z.string(), key: z.string(), decision: z.string() })
const meetingLineSchema = z.object({ type: z.enum(['series', 'meeting']), record: z.looseObject({ id: z.string().min(1), initiativeId: z.string() }) })
const documentSchema = z.object({
  name: z.string(),
  file: z.string(),
  kind: z.string(),
  partnerId: z.string().optional(),
  updates: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  stateVector: z.string(),
})
const updateSchema = z.object({ seq: z.number().int().positive(), time: z.number(), user: z.string().nullable(), update: z.string() })
const versionMarkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('name'), seq: z.number().int().positive(), name: z.string(), createdAt: z.number(), createdBy: z.string().nullable() }),
  z.object({ type: z.literal('restore'), seq: z.number().int().positive(), from: z.number().int().nonnegative() }),
  z.object({ type: z.literal('end'), seq: z.number().int().positive(), reason: z.string().max(100) }),
])
const derivedSchema = z.looseObject({ name: z.string(), kind: z.string(), version: z.number(), seq: z.number(), state: z.unknown() })

export type AuditLine = z.infer<typeof auditSchema>
export type ApprovalLine = z.infer<typeof approvalSchema>
export type MeetingLine = z.infer<typeof meetingLineSchema>

export interface ParsedDocument {
  meta: ArchivedDocument
  records: LogRecord[]
  /** The archived current state (Yjs v1 update), byte for byte. */
  state: Uint8Array
  derived: DerivedDocument | null
  /** Named versions and restores (versions.jsonl), [] when the document has none. */
  marks: ArchivedVersionMark[]
}

export interface ParsedArchive {
  manifest: Manifest
  /** SHA-256 of manifest.json: the archive's identity (an import records it, so a second import is a no-op). */
  id: string
  initiative: z.infer<typeof initiativeSchema>
  partners: z.infer<typeof partnerSchema>[]
  members: ArchivedMember[]
  authors: z.infer<typeof authorSchema>[]
  audit: AuditLine[]
  approvals: ApprovalLine[]
  /** The meetings module's series and meetings (none in an archive written before them). */
  meetings: MeetingLine[]
  documents: ParsedDocument[]
}

function parseJson<T>(files: Map<string, Buffer>, file: string, schema: z.ZodType<T>): T {
  const bytes = files.get(file)
  if (!bytes) throw new ArchiveError('archive_invalid', `The archive has no ${file}.`)
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new ArchiveError('archive_invalid', `${file} is not JSON.`)
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new ArchiveError('archive_invalid', `${file} does not have the expected shape: ${parsed.error.issues[0]?.message ?? ''}`)
  return parsed.data
}

function parseLines<T>(files: Map<string, Buffer>, file: string, schema: z.ZodType<T>): T[] {
  const bytes = files.get(file)
  if (!bytes) throw new ArchiveError('archive_invalid', `The archive has no ${file}.`)
  const out: T[] = []
  const lines = bytes.toString('utf8').split('\n')
  lines.forEach((line, index) => {
    if (line === '' && index === lines.length - 1) return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      throw new ArchiveError('archive_invalid', `${file} line ${index + 1} is not JSON.`)
    }
    const parsed = schema.safeParse(value)
    if (!parsed.success) throw new ArchiveError('archive_invalid', `${file} line ${index + 1} does not have the expected shape.`)
    out.push(parsed.data)
  })
  return out
}

/** Unpacks and checks everything; nothing is trusted that failed a check. */
export async function readArchive(bytes: Uint8Array): Promise<ParsedArchive> {
  const files = await unpackTar(bytes)
  const manifestBytes = files.get(ARCHIVE_FILES.manifest)
  if (!manifestBytes) throw new ArchiveError('archive_damaged', 'The archive has no manifest.json: it is not an initiative archive, or it is damaged.')
  let rawManifest: unknown
  try {
    rawManifest = JSON.parse(manifestBytes.toString('utf8'))
  } catch {
    throw new ArchiveError('archive_damaged', 'manifest.json is not JSON.')
  }
  const head = rawManifest as { format?: unknown; version?: unknown }
  if (head?.format !== ARCHIVE_FORMAT)
    throw new ArchiveError('archive_invalid', `This is not a Common Ground initiative archive (format ${JSON.stringify(head?.format)}).`)
  if (head.version !== ARCHIVE_VERSION) {
    throw new ArchiveError(
      'archive_version',
      `Archive format version ${JSON.stringify(head.version)} is not supported; this server reads version ${ARCHIVE_VERSION}.`,
    )
  }
  const parsedManifest = manifestSchema.safeParse(rawManifest)
  if (!parsedManifest.success) throw new ArchiveError('archive_invalid', 'manifest.json does not have the expected shape.')
  const manifest = parsedManifest.data as Manifest

  const listed = new Set<string>([ARCHIVE_FILES.manifest])
  for (const entry of manifest.files) {
    listed.add(entry.path)
    const file = files.get(entry.path)
    if (!file) throw new ArchiveError('archive_damaged', `${entry.path} is listed in the manifest but missing from the archive.`)
    if (file.length !== entry.bytes || sha256Hex(file) !== entry.sha256) {
      throw new ArchiveError('archive_checksum', `${entry.path} does not match its checksum in the manifest: the archive was altered or damaged.`)
    }
  }
  for (const name of files.keys()) if (!listed.has(name)) throw new ArchiveError('archive_damaged', `${name} is in the archive but not in its manifest.`)

  const initiative = parseJson(files, ARCHIVE_FILES.initiative, initiativeSchema)
  if (initiative.id !== manifest.initiativeId) throw new ArchiveError('archive_invalid', 'initiative.json names another initiative than the manifest.')
  const documentsMeta = parseJson(files, ARCHIVE_FILES.documents, z.array(documentSchema))
  const documents: ParsedDocument[] = []
  let updates = 0
  for (const meta of documentsMeta) {
    if (!meta.name.startsWith(`i/${initiative.id}/`) || documentFileName(meta.name) !== meta.file) {
      throw new ArchiveError('archive_invalid', `documents.json names a document outside the initiative: ${JSON.stringify(meta.name)}.`)
    }
    const lines = parseLines(files, documentUpdatesFile(meta.file), updateSchema)
    const records: LogRecord[] = []
    let lastSeq = 0
    for (const line of lines) {
      if (line.seq <= lastSeq) throw new ArchiveError('archive_invalid', `${meta.name}: the updates are not in increasing seq order.`)
      lastSeq = line.seq
      records.push({ seq: line.seq, time: line.time, user: line.user, update: new Uint8Array(Buffer.from(line.update, 'base64')) })
    }
    if (records.length !== meta.updates || lastSeq !== meta.lastSeq)
      throw new ArchiveError('archive_invalid', `${meta.name}: documents.json disagrees with its updates.`)
    const stateBytes = files.get(documentStateFile(meta.file))
    if (!stateBytes) throw new ArchiveError('archive_invalid', `${meta.name} has no state.bin.`)
    const state = new Uint8Array(stateBytes)
    checkState(meta, records, state)
    const derivedBytes = files.get(readModelFile(meta.file))
    const derived = derivedBytes ? (parseJson(files, readModelFile(meta.file), derivedSchema) as DerivedDocument) : null
    if (derived && derived.name !== meta.name) throw new ArchiveError('archive_invalid', `${readModelFile(meta.file)} belongs to another document.`)
    const marks = files.has(documentVersionsFile(meta.file)) ? parseLines(files, documentVersionsFile(meta.file), versionMarkSchema) : []
    if (marks.some((m) => m.seq > meta.lastSeq)) throw new ArchiveError('archive_invalid', `${meta.name}: a named version or restore lies beyond its updates.`)
    updates += records.length
    documents.push({ meta, records, state, derived, marks })
  }
  const archive: ParsedArchive = {
    manifest,
    id: sha256Hex(manifestBytes),
    initiative,
    partners: parseJson(files, ARCHIVE_FILES.partners, z.array(partnerSchema)),
    members: parseJson(files, ARCHIVE_FILES.members, z.array(memberSchema)),
    authors: parseJson(files, ARCHIVE_FILES.authors, z.array(authorSchema)),
    audit: parseLines(files, ARCHIVE_FILES.audit, auditSchema),
    approvals: parseLines(files, ARCHIVE_FILES.approvals, approvalSchema),
    meetings: files.has(ARCHIVE_FILES.meetings) ? parseLines(files, ARCHIVE_FILES.meetings, meetingLineSchema) : [],
    documents,
  }
  const c = manifest.counts
  if (
    c.documents !== documents.length ||
    c.updates !== updates ||
    c.partners !== archive.partners.length ||
    c.members !== archive.members.length ||
    c.approvals !== archive.approvals.length ||
    (c.meetings ?? 0) !== archive.meetings.length ||
    c.auditEntries !== archive.audit.length
  ) {
    throw new ArchiveError('archive_invalid', "The manifest's counts disagree with the archive's contents.")
  }
  return archive
}

/** The updates must rebuild exactly the archived state: same state vector, same deletions. */
function checkState(meta: ArchivedDocument, records: readonly LogRecord[], state: Uint8Array): void {
  const fromHistory = new Y.Doc()
  const archived = new Y.Doc()
  try {
    Y.transact(fromHistory, () => {
      for (const record of records) Y.applyUpdate(fromHistory, record.update)
    })
    Y.applyUpdate(archived, state)
  } catch {
    throw new ArchiveError('archive_invalid', `${meta.name}: an update or the state does not decode.`)
  }
  const vector = Buffer.from(Y.encodeStateVector(archived)).toString('base64')
  const same =
    vector === meta.stateVector &&
    Buffer.from(Y.encodeStateVector(fromHistory)).toString('base64') === vector &&
    Y.equalSnapshots(Y.snapshot(fromHistory), Y.snapshot(archived))
  fromHistory.destroy()
  archived.destroy()
  if (!same) throw new ArchiveError('archive_invalid', `${meta.name}: its history does not rebuild its archived state.`)
}
