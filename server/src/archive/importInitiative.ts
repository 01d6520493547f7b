// Import: recreates an archived initiative in a data directory no server runs on (the caller holds
// the data-dir lock). Everything is checked first (readArchive) and every refusal happens before
// the first write. Then: each document's records appended with their own seq, time and user and
// compacted under the archived state (so it loads byte for byte as exported), the read model
// re-derived from the imported documents (seeded with the archived states, which carry provenance
// and indicator definition versions), approvals, meeting series and meetings, and last the directory: the initiative, its
// partners, an invitation per member (a link each, instead of an account) and the audit entries,
// with an `initiative.imported` entry naming the archive, so that a second import writes nothing.
import { mkdir, open, readdir } from 'node:fs/promises'
import path from 'node:path'
import * as Y from 'yjs'
import { isEntityId, parseDocumentName, type InitiativeScope } from '@common-ground/domain'
import { documentFileName } from '@common-ground/protocol'
import { randomId, randomSecret, sha256 } from '../auth/secrets.ts'
import { FileReadModelStore } from '../derivation/stores.ts'
import type { DerivationContext } from '../derivation/types.ts'
import { AuditLog, type AuditEntry } from '../directory/AuditLog.ts'
import { DirectoryStore } from '../directory/directoryStore.ts'
import type { InitiativeRecord, InvitationRecord, PartnerRecord } from '../directory/types.ts'
import type { Logger } from '../logger.ts'
import { MetadataStore } from '../metadata/MetadataStore.ts'
import { builtinModules } from '../modules/index.ts'
import { historyMarksFile } from '../modules/history/HistoryStore.ts'
import { DiskStorage } from '../storage/DiskStorage.ts'
import { fsyncDir } from '../storage/diskFiles.ts'
import { ArchiveError } from './format.ts'
import { readArchive, type ParsedArchive } from './readArchive.ts'

export const IMPORTED_ACTION = 'initiative.imported'

export interface ImportOptions {
  dataDir: string
  /** Import under this initiative id instead of the archived one. */
  as?: string
  /** The server's public address, for the invitation links. */
  baseUrl: string
  /** How long the invitations stay valid. */
  inviteDays?: number
  logger: Logger
  now?: () => number
}

export interface ImportedInvitation {
  name: string
  email: string
  role: string
  partnerId: string | null
  link: string
}

export type ImportResult =
  | { status: 'imported'; initiativeId: string; documents: number; updates: number; invitations: ImportedInvitation[] }
  | { status: 'already_imported'; initiativeId: string }

/** Replaces the initiative id in document names (`i/<from>` and `i/<from>/…`) anywhere in a JSON value. */
export function renameInitiative<T>(value: T, from: string, to: string): T {
  if (from === to) return value
  const prefix = `i/${from}/`
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v === `i/${from}` ? `i/${to}` : v.startsWith(prefix) ? `i/${to}/${v.slice(prefix.length)}` : v
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(value) as T
}

/** Imports an archive (its bytes, or already read and checked by readArchive). */
export async function importInitiative(input: Uint8Array | ParsedArchive, options: ImportOptions): Promise<ImportResult> {
  const archive = input instanceof Uint8Array ? await readArchive(input) : input
  const sourceId = archive.initiative.id
  const targetId = options.as ?? sourceId
  if (!isEntityId(targetId))
    throw new ArchiveError('invalid_arguments', `${JSON.stringify(targetId)} is not a valid initiative id (lowercase letters, digits and dashes, up to 40).`)
  const now = options.now ?? Date.now

  const store = await DirectoryStore.open(options.dataDir, options.logger)
  const audit = await AuditLog.open(path.join(options.dataDir, 'audit.jsonl'), options.logger)
  const data = store.data
  if (data.initiatives[targetId]) {
    const marker = audit.query({ initiativeId: targetId, memberIds: new Set(), actionPrefix: IMPORTED_ACTION, limit: 1000 })
    if (marker.some((entry) => entry.details.archive === archive.id)) return { status: 'already_imported', initiativeId: targetId }
    throw new ArchiveError(
      'initiative_exists',
      `This server already has an initiative ${JSON.stringify(targetId)}; import it under another id with --as <newId>.`,
    )
  }
  const taken = archive.partners.filter((p) => data.partners[p.id]).map((p) => p.id)
  if (taken.length > 0) {
    throw new ArchiveError(
      'partner_exists',
      `Partner ids ${taken.join(', ')} already exist on this server (partner ids are server-wide); nothing was imported.`,
    )
  }
  const documentsDir = path.join(options.dataDir, 'documents')
  const prefix = documentFileName(`i/${targetId}/x`).slice(0, -1)
  const present = (await readdir(documentsDir).catch(() => [] as string[])).filter((file) => file.startsWith(prefix))
  if (present.length > 0) {
    throw new ArchiveError(
      'documents_exist',
      `Documents of ${JSON.stringify(targetId)} already exist in this data directory (${present[0]}, …), left by an interrupted import? Nothing was imported.`,
    )
  }
  // ——— from here on, writes ———
  const storage = new DiskStorage({ dir: documentsDir, fsync: 'never', logger: options.logger })
  let updates = 0
  try {
    for (const document of archive.documents) {
      const name = renameInitiative(document.meta.name, sourceId, targetId)
      for (const record of document.records) storage.append(name, record)
      if (document.records.length > 0) await storage.compact(name, { state: document.state, coveredSeq: document.meta.lastSeq })
      updates += document.records.length
    }
    await storage.sync()
    // Named versions and restores, where the history module keeps them (its index is rebuilt from the log at first use).
    for (const document of archive.documents) {
      if (document.marks.length === 0) continue
      const file = historyMarksFile(options.dataDir, renameInitiative(document.meta.name, sourceId, targetId))
      await mkdir(path.dirname(file), { recursive: true })
      const handle = await open(file, 'w')
      try {
        await handle.writeFile(document.marks.map((m) => `${JSON.stringify(m)}\n`).join(''), 'utf8')
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fsyncDir(path.dirname(file))
    }
    const scopeOf = (initiativeId: string): InitiativeScope | null => {
      if (initiativeId === targetId) return { initiativeId, partnerIds: archive.partners.map((p) => p.id) }
      if (!data.initiatives[initiativeId]) return null
      return {
        initiativeId,
        partnerIds: Object.values(data.partners)
          .filter((p) => p.initiativeId === initiativeId)
          .map((p) => p.id),
      }
    }
    await rebuildReadModel(archive, { storage, dataDir: options.dataDir, logger: options.logger, sourceId, targetId, scopeOf })
  } finally {
    await storage.close()
  }
  await appendApprovals(archive, options.dataDir, sourceId, targetId)
  await appendMeetings(archive, options.dataDir, sourceId, targetId)

  const initiative = renameInitiative({ ...(archive.initiative as unknown as InitiativeRecord), id: targetId }, sourceId, targetId)
  data.initiatives[targetId] = initiative
  for (const partner of archive.partners) data.partners[partner.id] = { ...(partner as unknown as PartnerRecord), initiativeId: targetId }
  const iso = (offset = 0) => new Date(now() + offset).toISOString()
  const inviteDays = options.inviteDays ?? 30
  const invitations: ImportedInvitation[] = []
  const entries: Promise<AuditEntry>[] = []
  for (const entry of archive.audit) {
    const renamed = renameInitiative({ ...entry, initiativeId: targetId }, sourceId, targetId) as unknown as AuditEntry
    if (renamed.target?.type === 'initiative' && renamed.target.id === sourceId) renamed.target = { type: 'initiative', id: targetId }
    entries.push(audit.append(renamed))
  }
  for (const member of archive.members) {
    const token = randomSecret()
    const invitation: InvitationRecord = {
      id: randomId(12),
      initiativeId: targetId,
      tokenHash: sha256(token),
      role: member.role as InvitationRecord['role'],
      partnerId: member.role === 'partner' ? member.partnerId : null,
      email: member.email || null,
      createdAt: iso(),
      createdBy: initiative.createdBy,
      expiresAt: iso(inviteDays * 24 * 60 * 60 * 1000),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    }
    data.invitations[invitation.id] = invitation
    invitations.push({
      name: member.name,
      email: member.email,
      role: member.role,
      partnerId: invitation.partnerId,
      link: `${options.baseUrl.replace(/\/$/, '')}/invite/${token}`,
    })
    entries.push(
      audit.append({
        at: iso(),
        action: 'invitation.created',
        actorId: null,
        initiativeId: targetId,
        subjectUserId: null,
        target: { type: 'invitation', id: invitation.id },
        details: { role: invitation.role, partnerId: invitation.partnerId, email: invitation.email, expiresAt: invitation.expiresAt, reason: 'import' },
        ip: null,
      }),
    )
  }
  entries.push(
    audit.append({
      at: iso(),
      action: IMPORTED_ACTION,
      actorId: null,
      initiativeId: targetId,
      subjectUserId: null,
      target: { type: 'initiative', id: targetId },
      details: { archive: archive.id, from: sourceId, exportedAt: archive.manifest.createdAt, documents: archive.documents.length, updates },
      ip: null,
    }),
  )
  await Promise.all([store.save(), ...entries])
  await store.flush()
  await audit.close()
  return { status: 'imported', initiativeId: targetId, documents: archive.documents.length, updates, invitations }
}

/**
 * The read model of the imported documents, derived again from them with the archived states as the
 * previous pass (they keep provenance and definition versions) and the last record's time and user —
 * as the live server derived them (DerivationEngine.rebuild would take the time of a document loaded
 * from a snapshot as now).
 */
async function rebuildReadModel(
  archive: ParsedArchive,
  options: { storage: DiskStorage; dataDir: string; logger: Logger; sourceId: string; targetId: string; scopeOf: (id: string) => InitiativeScope | null },
): Promise<void> {
  const { storage, logger, sourceId, targetId } = options
  const readModel = await FileReadModelStore.open({ dir: path.join(options.dataDir, 'readmodel'), logger })
  const metadata = await MetadataStore.open({ dataDir: options.dataDir, storage, logger })
  try {
    await metadata.reconcile()
    const names = new Map<string, string>()
    for (const author of archive.authors) if (author.name !== null) names.set(author.userId, author.name)
    for (const member of archive.members) names.set(member.userId, member.name)
    const context: DerivationContext = {
      scope: options.scopeOf,
      actor: (userId) => (userId !== null && names.has(userId) ? { userId, name: names.get(userId)! } : null),
      members: (initiativeId) => (initiativeId === targetId ? archive.members.map((m) => m.userId) : []),
      derived: <S>(name: string) => readModel.get<S>(name)?.state ?? null,
    }
    const derivers = new Map(builtinModules({ metadata }).flatMap((m) => (m.derivers ?? []).map((d) => [d.kind, d] as const)))
    for (const document of archive.documents) {
      const name = renameInitiative(document.meta.name, sourceId, targetId)
      const ref = parseDocumentName(name)
      const deriver = ref ? derivers.get(ref.kind) : undefined
      const last = document.records.at(-1)
      if (!ref || !deriver || !last) continue
      const archived = document.derived ? renameInitiative(document.derived, sourceId, targetId) : null
      const doc = new Y.Doc()
      Y.applyUpdate(doc, document.state)
      try {
        const previous = archived && archived.version === deriver.version ? archived.state : null
        const state = deriver.derive({ name, ref, doc, seq: last.seq, time: last.time, user: last.user, previous, context })
        readModel.put({ name, kind: ref.kind, version: deriver.version, seq: last.seq, state })
      } catch (error) {
        logger.error('derivation failed; the server derives it at start', { document: name, error })
      } finally {
        doc.destroy()
      }
    }
  } finally {
    await readModel.close()
    await metadata.flush()
  }
}

/** The series and meetings, under the new initiative id (their document names renamed with it), into meetings.jsonl. */
async function appendMeetings(archive: ParsedArchive, dataDir: string, sourceId: string, targetId: string): Promise<void> {
  if (archive.meetings.length === 0) return
  const handle = await open(path.join(dataDir, 'meetings.jsonl'), 'a+')
  try {
    const { size } = await handle.stat()
    const last = Buffer.alloc(1)
    if (size > 0) await handle.read(last, 0, 1, size - 1)
    const text =
      (size > 0 && last[0] !== 0x0a ? '\n' : '') +
      archive.meetings
        .map((line) => JSON.stringify(renameInitiative({ ...line, record: { ...line.record, initiativeId: targetId } }, sourceId, targetId)) + '\n')
        .join('')
    await handle.appendFile(text, 'utf8')
    await handle.datasync()
  } finally {
    await handle.close()
  }
  await fsyncDir(dataDir)
}

async function appendApprovals(archive: ParsedArchive, dataDir: string, sourceId: string, targetId: string): Promise<void> {
  if (archive.approvals.length === 0) return
  const file = path.join(dataDir, 'approvals.jsonl')
  const handle = await open(file, 'a+')
  try {
    // A torn last line (a crash mid-write) must not swallow the first imported decision.
    const { size } = await handle.stat()
    const last = Buffer.alloc(1)
    if (size > 0) await handle.read(last, 0, 1, size - 1)
    const text =
      (size > 0 && last[0] !== 0x0a ? '\n' : '') +
      archive.approvals.map((entry) => JSON.stringify(renameInitiative({ ...entry, initiativeId: targetId }, sourceId, targetId)) + '\n').join('')
    await handle.appendFile(text, 'utf8')
    await handle.datasync()
  } finally {
    await handle.close()
  }
  await fsyncDir(dataDir)
}
