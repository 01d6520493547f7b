// The initiative archive, format version 1 (docs/archive.md): a tar (optionally gzipped) of JSON
// files, each document's attributed updates as JSON lines and its current state, and a manifest
// with the format version, counts and the SHA-256 of every other file. Packing and unpacking
// (tar-stream, all in memory), the file names, and the error every refusal throws.
import { createHash } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import tar from 'tar-stream'

export const ARCHIVE_FORMAT = 'common-ground-initiative-archive'
export const ARCHIVE_VERSION = 1

/** Fixed file names inside the archive; a document's files are under `documents/<file name>/`. */
export const ARCHIVE_FILES = {
  manifest: 'manifest.json',
  initiative: 'initiative.json',
  partners: 'partners.json',
  members: 'members.json',
  authors: 'authors.json',
  endorsements: 'endorsements.json',
  audit: 'audit.jsonl',
  approvals: 'approvals.jsonl',
  /** The meeting series and meetings (the meetings module's records); absent from archives written before them. */
  meetings: 'meetings.jsonl',
  documents: 'documents.json',
} as const

export const documentUpdatesFile = (fileName: string): string => `documents/${fileName}/updates.jsonl`
export const documentStateFile = (fileName: string): string => `documents/${fileName}/state.bin`
/** The document's named versions and restores (present only when it has some). */
export const documentVersionsFile = (fileName: string): string => `documents/${fileName}/versions.jsonl`
export const readModelFile = (fileName: string): string => `readmodel/${fileName}.json`

export interface ManifestFile {
  path: string
  bytes: number
  sha256: string
}

export interface ArchiveCounts {
  documents: number
  updates: number
  partners: number
  members: number
  endorsements: number
  approvals: number
  /** Series and meeting records; absent from archives written before them. */
  meetings?: number
  auditEntries: number
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT
  version: number
  createdAt: string
  /** The server version that wrote it. */
  software: string
  initiativeId: string
  counts: ArchiveCounts
  /** Every file of the archive except the manifest, in archive order. */
  files: ManifestFile[]
}

/** One entry of documents.json. */
export interface ArchivedDocument {
  name: string
  /** documentFileName(name): the folder of its files. */
  file: string
  kind: string
  partnerId?: string
  /** Number of lines in updates.jsonl; their seqs are strictly increasing. */
  updates: number
  lastSeq: number
  /** Y.encodeStateVector of the current state, base64. */
  stateVector: string
}

/** One line of a document's updates.jsonl: a log record as stored (docs/storage.md). */
export interface ArchivedUpdate {
  seq: number
  /** ms since the epoch. */
  time: number
  user: string | null
  /** The Yjs v1 update, base64. */
  update: string
}

/** One line of a document's versions.jsonl: a named version or a restore, as the history module keeps it. */
export type ArchivedVersionMark =
  | { type: 'name'; seq: number; name: string; createdAt: number; createdBy: string | null }
  | { type: 'restore'; seq: number; from: number }
  | { type: 'end'; seq: number; reason: string }

/** A member as the archive keeps them: never a password hash, session or token. */
export interface ArchivedMember {
  userId: string
  name: string
  email: string
  language: string
  role: string
  partnerId: string | null
  joinedAt: string
}

/** Why an archive was refused or an import declined; `code` is stable (docs/archive.md). */
export class ArchiveError extends Error {
  constructor(
    readonly code:
      | 'archive_damaged'
      | 'archive_version'
      | 'archive_checksum'
      | 'archive_invalid'
      | 'initiative_exists'
      | 'partner_exists'
      | 'documents_exist'
      | 'not_found'
      | 'invalid_arguments'
      | 'server_not_running'
      | 'backup_failed'
      | 'target_exists'
      | 'not_published',
    message: string,
  ) {
    super(message)
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export const jsonBytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8')
export const jsonLinesBytes = (values: readonly unknown[]): Buffer => Buffer.from(values.map((v) => JSON.stringify(v) + '\n').join(''), 'utf8')

/** Packs files (in order) into a tar; gzipped when asked. */
export async function packTar(files: readonly { path: string; bytes: Uint8Array }[], options: { gzip: boolean; mtime: Date }): Promise<Buffer> {
  const pack = tar.pack()
  const chunks: Buffer[] = []
  pack.on('data', (chunk) => chunks.push(chunk as Buffer))
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve)
    pack.on('error', reject)
  })
  for (const file of files) {
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: file.path, size: file.bytes.length, mode: 0o644, mtime: options.mtime }, Buffer.from(file.bytes), (error) =>
        error ? reject(error) : resolve(),
      ),
    )
  }
  pack.finalize()
  await done
  const bytes = Buffer.concat(chunks)
  return options.gzip ? gzipSync(bytes) : bytes
}

/** Every regular file of a tar (or .tar.gz, recognised by its magic bytes); throws archive_damaged on a broken one. */
export async function unpackTar(input: Uint8Array): Promise<Map<string, Buffer>> {
  let bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes)
    } catch (error) {
      throw new ArchiveError('archive_damaged', `The archive's compression is damaged or truncated (${(error as Error).message}).`)
    }
  }
  if (bytes.length === 0 || bytes.length % 512 !== 0) throw new ArchiveError('archive_damaged', 'The archive is truncated: a tar is whole 512-byte blocks.')
  const files = new Map<string, Buffer>()
  const extract = tar.extract()
  const finished = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk) => chunks.push(chunk as Buffer))
      stream.on('end', () => {
        if (header.type === 'file') {
          if (files.has(header.name)) reject(new ArchiveError('archive_damaged', `The archive holds ${header.name} twice.`))
          files.set(header.name, Buffer.concat(chunks))
        }
        next()
      })
      stream.on('error', reject)
    })
    extract.on('finish', resolve)
    extract.on('error', reject)
  })
  extract.end(bytes)
  try {
    await finished
  } catch (error) {
    if (error instanceof ArchiveError) throw error
    throw new ArchiveError('archive_damaged', `The archive is damaged or truncated (${(error as Error).message}).`)
  }
  return files
}
