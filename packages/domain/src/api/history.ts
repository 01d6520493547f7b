// /api/initiatives/:id/history/…: document history — the versions of one document of the
// initiative (automatic after a pause in editing, named by hand, restores), the compare of two
// versions (text runs with authors; changed structured items, old → new) and the restore of a
// version as a new forward change. The document is named by its full name (`i/<id>/agenda`).
import * as z from 'zod'
import { actorRefSchema } from './agenda.ts'
import { documentKindSchema } from './common.ts'
import { fields } from './fields.ts'

export const VERSION_NAME_MAX = 200
/** The longest document name (packages/protocol's MAX_DOCUMENT_NAME_LENGTH). */
const DOCUMENT_NAME_MAX = 200

const documentField = z.string().min(1).max(DOCUMENT_NAME_MAX).meta({ description: 'The full document name, for example `i/<initiativeId>/agenda`.' })
const seqField = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

export const versionListQuery = z.object({
  document: documentField,
  person: z.string().max(40).optional().meta({ description: 'Only versions this user (id) edited.' }),
  since: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only versions with an edit at or after this time.' }),
  until: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only versions with an edit at or before this time.' }),
  named: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'Only named versions.' }),
})
export type VersionListQuery = z.input<typeof versionListQuery>

export const versionNameSchema = z.object({
  name: z.string(),
  createdAt: fields.time,
  createdBy: actorRefSchema.nullable(),
})

export const versionSchema = z.object({
  seq: z.number().int().meta({ description: "The version's id: the seq of its last update; its content is the document after it." }),
  fromSeq: z.number().int().meta({ description: 'The seq of its first update.' }),
  startedAt: fields.time,
  endedAt: fields.time,
  authors: z.array(z.object({ userId: z.string().nullable(), name: z.string().nullable(), edits: z.number().int() })),
  names: z.array(versionNameSchema).meta({ description: 'The names given to this version (most have none).' }),
  restoredFrom: z.number().int().nullable().meta({ description: 'A restore: the version whose content it brought back.' }),
  endorsements: z
    .array(z.object({ partnerId: z.string(), by: actorRefSchema.nullable(), at: fields.time }))
    .meta({ description: 'The partners that endorsed exactly this version (the agenda; an endorsement ends the version).' }),
  current: z.boolean().meta({ description: 'The newest version, still growing until a pause in editing (5 minutes) or a name ends it.' }),
})
export type VersionAnswerView = z.output<typeof versionSchema>

export const versionListAnswer = z.object({
  document: z.string(),
  kind: documentKindSchema,
  /** The seq of the document's last update (0: never edited). */
  latestSeq: z.number().int(),
  versions: z.array(versionSchema).meta({ description: 'Newest first.' }),
})
export type VersionListAnswer = z.output<typeof versionListAnswer>

export const nameVersionBody = z.object({
  document: documentField,
  name: fields.name(VERSION_NAME_MAX),
})
export type NameVersionBody = z.input<typeof nameVersionBody>

export const versionAnswer = z.object({ document: z.string(), version: versionSchema })
export type VersionAnswer = z.output<typeof versionAnswer>

export const compareQuery = z.object({
  document: documentField,
  from: seqField.meta({ description: 'The older version (its seq; 0 is the empty document).' }),
  to: seqField.optional().meta({ description: 'The newer version (default: the current content).' }),
})
export type CompareQuery = z.input<typeof compareQuery>

export const textRunSchema = z.object({
  op: z.enum(['equal', 'insert', 'delete']),
  text: z.string(),
  author: actorRefSchema.nullable().meta({ description: 'Who inserted or deleted it; null for equal text or an unknown author.' }),
  block: z.string().optional().meta({ description: 'On a run that starts a block (its text is a newline): the block node name.' }),
})
export type TextRunView = z.output<typeof textRunSchema>

export const itemChangeSchema = z.object({
  kind: z.enum(['goal', 'indicator', 'glossaryTerm', 'cell']),
  id: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  label: z.string().optional().meta({ description: "What people call the item: a goal's statement, an indicator's name, a glossary term (absent for cells)." }),
  fields: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
})
export type ItemChangeView = z.output<typeof itemChangeSchema>

export const compareAnswer = z.object({
  document: z.string(),
  kind: documentKindSchema,
  from: z.number().int(),
  to: z.number().int(),
  text: z
    .array(textRunSchema)
    .nullable()
    .meta({ description: 'Rich-text documents: the document at `to` with the insertions and deletions since `from`, in document order.' }),
  changes: z.array(itemChangeSchema).meta({ description: 'Structured items (agenda blocks, sheet cells) added, removed or changed, field by field.' }),
  stats: z.object({ inserted: z.number().int(), deleted: z.number().int(), changedItems: z.number().int() }),
  authors: z.array(actorRefSchema).meta({ description: 'Everyone whose updates lie between the two versions.' }),
})
export type CompareAnswer = z.output<typeof compareAnswer>

export const restoreBody = z.object({
  document: documentField,
  version: z.number().int().min(0).meta({ description: 'The seq of the version to bring back.' }),
})
export type RestoreBody = z.input<typeof restoreBody>

export const restoreAnswer = z.object({
  document: z.string(),
  restoredFrom: z.number().int(),
  version: versionSchema.nullable().meta({ description: 'The new version the restore made; null when the content already equalled that version.' }),
})
export type RestoreAnswer = z.output<typeof restoreAnswer>

// ——— what changed since my last visit ———

export const seenBody = z.object({ document: documentField })
export type SeenBody = z.input<typeof seenBody>

export const seenAnswer = z.object({
  document: z.string(),
  seq: z.number().int().meta({ description: 'The update the caller has now seen the document up to.' }),
  seenAt: fields.time,
})
export type SeenAnswer = z.output<typeof seenAnswer>

/** How many changed items and inserted passages a digest lists at most. */
export const DIGEST_ITEMS = 8
export const DIGEST_EXCERPTS = 3
export const DIGEST_EXCERPT_CHARS = 160

export const documentChangesSchema = z.object({
  document: z.string(),
  kind: documentKindSchema,
  partnerId: z.string().nullable().meta({ description: "A partner page's partner." }),
  status: z
    .enum(['new', 'changed', 'unchanged'])
    .meta({ description: '`new`: never opened by the caller (and edited); `changed`: others edited it since the caller last saw it.' }),
  latestSeq: z.number().int(),
  seenSeq: z.number().int().nullable().meta({ description: 'Where the caller last saw it (null: never).' }),
  seenAt: fields.time.nullable(),
  lastChangedAt: fields.time.nullable(),
  authors: z
    .array(z.object({ userId: z.string().nullable(), name: z.string().nullable(), edits: z.number().int() }))
    .meta({ description: 'Who else edited it since the caller last saw it (everyone, for a document never seen), most edits first.' }),
  versions: z.number().int().meta({ description: 'How many versions those edits fall into.' }),
  digest: z
    .object({
      inserted: z.number().int(),
      deleted: z.number().int(),
      changedItems: z.number().int(),
      items: z.array(itemChangeSchema).meta({ description: `The first ${DIGEST_ITEMS} changed structured items.` }),
      excerpts: z
        .array(z.object({ op: z.enum(['insert', 'delete']), text: z.string(), author: actorRefSchema.nullable() }))
        .meta({ description: `Up to ${DIGEST_EXCERPTS} of the longest inserted or deleted passages (at most ${DIGEST_EXCERPT_CHARS} characters each).` }),
    })
    .nullable()
    .meta({ description: 'What changed between `seenSeq` and `latestSeq`; null unless `changed`.' }),
})
export type DocumentChangesView = z.output<typeof documentChangesSchema>

export const changesAnswer = z.object({
  initiativeId: z.string(),
  documents: z
    .array(documentChangesSchema)
    .meta({ description: 'Every document of the initiative the caller may read: changed ones first, newest change first.' }),
})
export type ChangesAnswer = z.output<typeof changesAnswer>
