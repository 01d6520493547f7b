// The agenda's deriver: from the agenda document to AgendaReadState — its goals, indicators and
// glossary terms as records with validation issues and provenance, and each indicator's
// definition versions. Incremental through the domain's AgendaDeriver (one per Y.Doc instance: a
// hibernated room decodes a new one, which starts with a full pass). A record keeps its
// provenance while its content is unchanged; a changed one is attributed to the change that made
// it. Versions: a new one when a versioned field changes (VERSIONED_FIELDS), except that edits by
// the same person within VERSION_COALESCE_MS amend the version they just made (typing a name
// letter by letter is one version, not twelve). A record the domain deriver reports unchanged
// (not in `changed`) keeps its previous view as it is — only its position is updated — so a
// keystroke in one block of a long agenda costs that block, not all of them.
import type * as Y from 'yjs'
import {
  AgendaDeriver,
  EDITOR_FRAGMENT,
  definitionChanges,
  type AgendaReadState,
  type ActorRef,
  type BlockRecord,
  type GlossaryRecordView,
  type GoalRecordView,
  type IndicatorRecordView,
  type IndicatorVersion,
  type Provenance,
} from '@common-ground/domain'
import type { Deriver, DeriveInput } from '../../derivation/types.ts'

export const VERSION_COALESCE_MS = 10 * 60_000

const deriversByDoc = new WeakMap<Y.Doc, AgendaDeriver>()

export const agendaDeriver: Deriver<AgendaReadState> = {
  kind: 'agenda',
  version: 1,
  derive(input: DeriveInput<AgendaReadState>): AgendaReadState {
    const { name, doc, seq, time, user, previous, context, ref } = input
    const partnerIds = context.scope(ref.initiativeId)?.partnerIds ?? []
    let deriver = deriversByDoc.get(doc)
    if (!deriver) {
      deriver = new AgendaDeriver({ partnerIds })
      deriversByDoc.set(doc, deriver)
    } else deriver.setContext({ partnerIds })
    const derived = deriver.derive(doc.getXmlFragment(EDITOR_FRAGMENT))
    const changedAt = new Date(time).toISOString()
    const changedBy: ActorRef | null = context.actor(user)
    const fresh = (blockId: string): Provenance => ({ document: name, blockId, changedAt, changedBy, seq })

    const changedIds = new Set(derived.changed)
    const priorGoals = new Map((previous?.goals ?? []).map((r) => [r.id, r]))
    const priorIndicators = new Map((previous?.indicators ?? []).map((r) => [r.id, r]))
    const priorGlossary = new Map((previous?.glossary ?? []).map((r) => [r.id, r]))
    /** The previous view of a record the domain deriver did not change, at its current position. */
    const kept = <V extends { position: number }>(prior: Map<string, V>, record: BlockRecord): V | null => {
      if (changedIds.has(record.id)) return null
      const view = prior.get(record.id)
      if (!view) return null
      return view.position === record.position ? view : { ...view, position: record.position }
    }
    const provenanceOf = (prior: Map<string, { provenance: Provenance; position: number }>, record: BlockRecord, view: Record<string, unknown>): Provenance => {
      const before = prior.get(record.id)
      if (!before) return fresh(record.blockId)
      const { provenance, position: _position, ...rest } = before as unknown as Record<string, unknown> & { provenance: Provenance }
      return JSON.stringify(rest) === JSON.stringify(view) ? provenance : fresh(record.blockId)
    }

    const goals: GoalRecordView[] = derived.goals.map((g) => {
      const same = kept(priorGoals, g)
      if (same) return same
      const view = {
        id: g.id,
        blockId: g.blockId,
        statement: g.definition.statement,
        population: g.definition.population,
        order: g.definition.order,
        issues: g.issues,
      }
      return { ...view, position: g.position, provenance: provenanceOf(priorGoals, g, view) }
    })
    const glossary: GlossaryRecordView[] = derived.glossary.map((t) => {
      const same = kept(priorGlossary, t)
      if (same) return same
      const view = { id: t.id, blockId: t.blockId, term: t.definition.term, definition: t.definition.definition, issues: t.issues }
      return { ...view, position: t.position, provenance: provenanceOf(priorGlossary, t, view) }
    })

    const versions: Record<string, IndicatorVersion[]> = { ...(previous?.versions ?? {}) }
    const indicators: IndicatorRecordView[] = derived.indicators.map((i) => {
      const same = versions[i.id] ? kept(priorIndicators, i) : null
      if (same) return same
      const definition = i.definition
      let list = versions[i.id]
      if (!list || list.length === 0) list = [{ version: 1, changedAt, changedBy, changedFields: [], definition }]
      else {
        const last = list.at(-1)!
        const changed = definitionChanges(last.definition, definition)
        if (changed.length > 0) {
          const sameAuthor = last.changedBy?.userId === changedBy?.userId && changedBy !== null
          const recent = time - Date.parse(last.changedAt) < VERSION_COALESCE_MS
          if (sameAuthor && recent) {
            const changedFields = [...new Set([...last.changedFields, ...(last.version === 1 ? [] : changed)])]
            list = [...list.slice(0, -1), { ...last, changedAt, definition, changedFields }]
          } else list = [...list, { version: last.version + 1, changedAt, changedBy, changedFields: changed, definition }]
        } else if (JSON.stringify(last.definition) !== JSON.stringify(definition)) {
          // Fields outside the versioned ones (owner, data source, goal): the current version shows them.
          list = [...list.slice(0, -1), { ...last, definition }]
        }
      }
      versions[i.id] = list
      const version = list.at(-1)!.version
      const view = { ...definition, blockId: i.blockId, version, issues: i.issues }
      return { ...view, position: i.position, provenance: provenanceOf(priorIndicators, i, view) }
    })

    const all = [...goals, ...indicators, ...glossary]
    const latest = all.reduce<string | null>((max, r) => (max === null || r.provenance.changedAt > max ? r.provenance.changedAt : max), null)
    return { goals, indicators, glossary, versions, updatedAt: seq > 0 ? changedAt : latest }
  },
}
