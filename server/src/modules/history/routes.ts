// The history routes (packages/domain/src/api/history.ts): a document's versions, naming one,
// the compare of two versions, restoring one. The document is checked as the sync endpoint
// checks it: it must be a document of this initiative the caller may read (404 otherwise);
// naming needs edit access, restoring edit access to the whole document (no row-level rule).
import * as Y from 'yjs'
import {
  attributionOf,
  DIGEST_EXCERPT_CHARS,
  DIGEST_EXCERPTS,
  DIGEST_ITEMS,
  initiativeDocuments,
  seenBody,
  type ChangesAnswer,
  type DocumentChangesView,
  type SeenAnswer,
  compareQuery,
  diffAgendaDocs,
  diffFragments,
  diffSheetDocs,
  diffStats,
  documentExists,
  documentKindSpec,
  EDITOR_FRAGMENT,
  isVersionPoint,
  listVersions,
  nameVersionBody,
  parseDocumentName,
  restoreBody,
  restoreDocument,
  versionListQuery,
  type ActorRef,
  type CompareAnswer,
  type DocumentRef,
  type ItemChange,
  type RestoreAnswer,
  type TextRunView,
  type VersionAnswer,
  type VersionAnswerView,
  type VersionIndexState,
  type VersionListAnswer,
  type VersionView,
} from '@common-ground/domain'
import { ApiError } from '../../http/ApiError.ts'
import { actorOf, auth, requireAction, type AppContext } from '../../http/authz.ts'
import { body, parseWith } from '../../http/validate.ts'
import { createModuleApp, type ModuleContext } from '../ServerModule.ts'
import type { LogRecord } from '../../storage/DocumentStorage.ts'
import type { HistoryStore } from './HistoryStore.ts'
import type { SeenMark, SeenStore } from './SeenStore.ts'

/** Whether the running transaction changed anything since the state vector `before`. */
function changedSince(doc: Y.Doc, before: Uint8Array): boolean {
  if ((doc._transaction?.deleteSet.clients.size ?? 0) > 0) return true
  return Buffer.compare(Buffer.from(Y.encodeStateVector(doc)), Buffer.from(before)) !== 0
}

const iso = (ms: number) => new Date(ms).toISOString()

export function historyRoutes(ctx: ModuleContext, store: () => HistoryStore, seenStore: () => SeenStore) {
  const actor = (userId: string | null): ActorRef | null => {
    const user = userId === null ? undefined : ctx.directory.user(userId)
    return user ? { userId: user.id, name: user.name } : null
  }
  type Endorsed = VersionAnswerView['endorsements']
  /** The endorsements of a document's versions, by version seq (from the audit log). */
  const endorsementsOf = (initiativeId: string, document: string): Map<number, Endorsed> => {
    const out = new Map<number, Endorsed>()
    const entries = ctx.directory.audit.query({ initiativeId, memberIds: new Set(), actionPrefix: 'agenda.endorsed', limit: 100_000 })
    for (const e of entries) {
      const { document: doc, version } = (e.details ?? {}) as { document?: unknown; version?: unknown }
      if (doc !== document || typeof version !== 'number' || !e.target?.id) continue
      const list = out.get(version) ?? []
      list.push({ partnerId: e.target.id, by: actor(e.actorId), at: e.at })
      out.set(version, list)
    }
    return out
  }
  const view = (v: VersionView, endorsed: ReadonlyMap<number, Endorsed> = new Map()): VersionAnswerView => ({
    seq: v.seq,
    fromSeq: v.fromSeq,
    startedAt: iso(v.startedAt),
    endedAt: iso(v.endedAt),
    authors: v.authors.map((a) => ({ userId: a.userId, name: actor(a.userId)?.name ?? null, edits: a.edits })),
    names: v.names.map((n) => ({ name: n.name, createdAt: iso(n.createdAt), createdBy: actor(n.createdBy) })),
    restoredFrom: v.restoredFrom,
    endorsements: endorsed.get(v.seq) ?? [],
    current: v.current,
  })
  const versionAt = (index: VersionIndexState, seq: number): VersionAnswerView | null => {
    const found = listVersions(index, {}, Date.now(), store().gap).find((v) => v.seq === seq)
    return found ? view(found) : null
  }

  /** The document, if it belongs to the initiative and the caller may read it (or edit it, for `need: 'edit'`). */
  const documentOf = (c: AppContext, initiativeId: string, name: string, need: 'read' | 'edit' | 'edit-all'): DocumentRef => {
    const ref = parseDocumentName(name)
    const principal = auth(c).principal
    if (
      !ref ||
      ref.initiativeId !== initiativeId ||
      !documentExists(ref, ctx.directory.scopeOf(initiativeId)) ||
      ctx.access.documentAccess(name, principal) === 'none'
    )
      throw new ApiError(404, 'document_not_found', 'No document of this initiative has that name.')
    if (need === 'read') return ref
    const editable = ctx.access.documentAccess(name, principal) === 'edit' && (need === 'edit' || !ctx.access.writeGuard?.(name, principal))
    if (!editable) throw new ApiError(403, 'forbidden', 'You may not edit this whole document.')
    return ref
  }
  const requireVersion = (index: VersionIndexState, seq: number): void => {
    if (seq > index.lastSeq || !(isVersionPoint(index, seq) || seq === index.lastSeq))
      throw new ApiError(404, 'version_not_found', 'No version of the document ends there.')
  }

  /** What changed between two states of a document: text runs with authors, structured items, who. */
  const compare = async (initiativeId: string, name: string, ref: DocumentRef, from: number, to: number, history: LogRecord[]) => {
    const [before, after] = [await store().stateAt(name, from, history), await store().stateAt(name, to, history)]
    const between = history.filter((r) => r.seq > from && r.seq <= to)
    const roots = documentKindSpec(ref.kind).schema.roots
    let text: TextRunView[] | null = null
    let inserted = 0
    let deleted = 0
    if (roots[EDITOR_FRAGMENT]?.type === 'XmlFragment') {
      const runs = diffFragments(before.getXmlFragment(EDITOR_FRAGMENT), after.getXmlFragment(EDITOR_FRAGMENT), attributionOf(between))
      ;({ inserted, deleted } = diffStats(runs))
      text = runs.map((r) => ({ op: r.op, text: r.text, author: actor(r.user), ...(r.block !== undefined ? { block: r.block } : {}) }))
    }
    let changes: ItemChange[] = []
    if (ref.kind === 'agenda') changes = diffAgendaDocs(before, after, ctx.directory.scopeOf(initiativeId).partnerIds)
    else if (ref.kind === 'measurements') changes = diffSheetDocs(before, after)
    const authors = [...new Set(between.map((r) => r.user))].flatMap((u) => {
      const a = actor(u)
      return a ? [a] : []
    })
    before.destroy()
    after.destroy()
    return { text, changes, stats: { inserted, deleted, changedItems: changes.length }, authors }
  }

  /** One document's changes for `me` since `seen` (what changed since my last visit). */
  const changesOf = async (
    initiativeId: string,
    doc: DocumentRef & { name: string },
    me: string | null,
    seen: SeenMark | null,
  ): Promise<DocumentChangesView> => {
    const index = await store().open(doc.name)
    const latestSeq = index.lastSeq
    const from = seen ? Math.min(seen.seq, latestSeq) : 0
    const base = {
      document: doc.name,
      kind: doc.kind,
      partnerId: doc.partnerId ?? null,
      latestSeq,
      seenSeq: seen ? seen.seq : null,
      seenAt: seen ? iso(seen.at) : null,
    }
    const all = latestSeq > from ? await ctx.storage.history(doc.name) : []
    const history = all.filter((r) => r.seq > from && r.seq <= latestSeq)
    const lastChangedAt = latestSeq > 0 ? (index.groups.at(-1)?.endedAt ?? null) : null
    const others = history.filter((r) => r.user !== me)
    const edits = new Map<string | null, number>()
    for (const r of others) edits.set(r.user, (edits.get(r.user) ?? 0) + 1)
    const authors = [...edits].sort((a, b) => b[1] - a[1]).map(([userId, n]) => ({ userId, name: actor(userId)?.name ?? null, edits: n }))
    const mine = me ?? ''
    const versions = index.groups.filter((g) => g.toSeq > from && Object.keys(g.authors).some((a) => a !== mine)).length
    const common = { ...base, lastChangedAt: lastChangedAt === null ? null : iso(lastChangedAt), authors, versions }
    if (!seen) return { ...common, status: latestSeq > 0 ? 'new' : 'unchanged', digest: null }
    if (others.length === 0) return { ...common, status: 'unchanged', digest: null }
    const result = await compare(initiativeId, doc.name, doc, from, latestSeq, all)
    const excerpts = (result.text ?? [])
      .filter((r): r is TextRunView & { op: 'insert' | 'delete' } => r.op !== 'equal' && r.text.trim().length > 0)
      .sort((a, b) => b.text.length - a.text.length)
      .slice(0, DIGEST_EXCERPTS)
      .map((r) => ({ op: r.op, text: r.text.trim().slice(0, DIGEST_EXCERPT_CHARS), author: r.author }))
    return {
      ...common,
      status: 'changed',
      digest: { ...result.stats, items: result.changes.slice(0, DIGEST_ITEMS), excerpts },
    }
  }

  return createModuleApp()
    .get('/:id/history/versions', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'document.history')
      const query = parseWith(versionListQuery, c.req.query())
      const ref = documentOf(c, initiative.id, query.document, 'read')
      const index = await store().open(query.document)
      const filter = {
        ...(query.person ? { person: query.person } : {}),
        ...(query.since ? { since: Date.parse(query.since) } : {}),
        ...(query.until ? { until: Date.parse(query.until) } : {}),
        namedOnly: query.named,
      }
      const endorsed = endorsementsOf(initiative.id, query.document)
      const versions = listVersions(index, filter, Date.now(), store().gap).map((v) => view(v, endorsed))
      return c.json({ document: query.document, kind: ref.kind, latestSeq: index.lastSeq, versions } satisfies VersionListAnswer)
    })
    .post('/:id/history/versions', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'document.version')
      const input = await body(c, nameVersionBody)
      documentOf(c, initiative.id, input.document, 'edit')
      const who = actorOf(c)
      const named = await store().name(input.document, input.name, Date.now(), who.userId)
      if (!named) throw new ApiError(409, 'document_empty', 'The document has no edit yet: there is nothing to name.')
      await c.get('directory').audit.append({
        action: 'document.version_named',
        actorId: who.userId,
        initiativeId: initiative.id,
        subjectUserId: null,
        target: null,
        details: { document: input.document, version: named.seq, name: input.name },
        ip: who.ip,
      })
      const version = versionAt(await store().open(input.document), named.seq)!
      return c.json({ document: input.document, version } satisfies VersionAnswer, 201)
    })
    .get('/:id/history/compare', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'document.history')
      const query = parseWith(compareQuery, c.req.query())
      const ref = documentOf(c, initiative.id, query.document, 'read')
      const index = await store().open(query.document)
      const to = query.to ?? index.lastSeq
      if (query.from > to) throw new ApiError(400, 'versions_reversed', '`from` must not be later than `to`.')
      // `from` may be any update (where someone last looked: "what changed since my last visit").
      if (query.from > index.lastSeq) throw new ApiError(404, 'version_not_found', 'The document has no update with that seq.')
      requireVersion(index, to)
      const history = await ctx.storage.history(query.document)
      const result = await compare(initiative.id, query.document, ref, query.from, to, history)
      return c.json({ document: query.document, kind: ref.kind, from: query.from, to, ...result } satisfies CompareAnswer)
    })
    .get('/:id/history/changes', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'document.history')
      const me = actorOf(c).userId
      const seen = me ? await seenStore().of(me) : new Map<string, SeenMark>()
      const principal = auth(c).principal
      const readable = initiativeDocuments(ctx.directory.scopeOf(initiative.id)).filter((d) => ctx.access.documentAccess(d.name, principal) !== 'none')
      const documents: DocumentChangesView[] = []
      for (const doc of readable) documents.push(await changesOf(initiative.id, doc, me, seen.get(doc.name) ?? null))
      const rank = { changed: 0, new: 1, unchanged: 2 } as const
      documents.sort((a, b) => rank[a.status] - rank[b.status] || (b.lastChangedAt ?? '').localeCompare(a.lastChangedAt ?? ''))
      return c.json({ initiativeId: initiative.id, documents } satisfies ChangesAnswer)
    })
    .post('/:id/history/seen', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'document.history')
      const input = await body(c, seenBody)
      documentOf(c, initiative.id, input.document, 'read')
      const me = actorOf(c).userId
      const index = await store().open(input.document)
      const at = Date.now()
      const mark = me ? await seenStore().mark(me, input.document, index.lastSeq, at) : { seq: index.lastSeq, at }
      return c.json({ document: input.document, seq: mark.seq, seenAt: iso(mark.at) } satisfies SeenAnswer)
    })
    .post('/:id/history/restore', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'document.restore')
      const input = await body(c, restoreBody)
      const ref = documentOf(c, initiative.id, input.document, 'edit-all')
      const index = await store().open(input.document)
      requireVersion(index, input.version)
      const target = await store().stateAt(input.document, input.version)
      const schema = documentKindSpec(ref.kind).schema
      const who = actorOf(c)
      const group = await store().restore(input.document, input.version, (claim) =>
        ctx.rooms.transact(
          input.document,
          (doc) => {
            const before = Y.encodeStateVector(doc)
            restoreDocument(doc, target, schema)
            if (changedSince(doc, before)) claim()
          },
          { user: who.userId, reason: `restore of version ${input.version}` },
        ),
      )
      target.destroy()
      await c.get('directory').audit.append({
        action: 'document.restored',
        actorId: who.userId,
        initiativeId: initiative.id,
        subjectUserId: null,
        target: null,
        details: { document: input.document, version: input.version, restoredAs: group?.toSeq ?? null },
        ip: who.ip,
      })
      const version = group ? versionAt(index, group.toSeq) : null
      return c.json({ document: input.document, restoredFrom: input.version, version } satisfies RestoreAnswer)
    })
}
