// The meeting deriver: from a meeting's agenda document to MeetingReadState — its agenda items,
// decisions and action items (packages/domain/src/meetings: deriveMeeting) as records with their
// validation issues and provenance, and the meeting it was carried over from. Owners are checked
// against the initiative's members, links against the agenda's goals and indicators as the read
// model has them at the time (a later change of the agenda shows at the meeting's next edit).
// A record keeps its provenance while its content is unchanged.
import {
  EDITOR_FRAGMENT,
  MEETING_META,
  agendaDocumentName,
  deriveMeeting,
  type ActionItemView,
  type ActorRef,
  type AgendaReadState,
  type DecisionView,
  type DerivedMeeting,
  type MeetingBlockRecord,
  type MeetingContext,
  type MeetingItemView,
  type Provenance,
} from '@common-ground/domain'
import type { DerivationContext, Deriver, DeriveInput } from '../../derivation/types.ts'

export interface MeetingReadState {
  items: MeetingItemView[]
  decisions: DecisionView[]
  actionItems: ActionItemView[]
  /** The meeting whose open items were carried over into this one (the document's `meeting` map). */
  carriedOverFrom: string | null
  /** When and by whom the document last changed (null: never). */
  updatedAt: string | null
}

export const EMPTY_MEETING: MeetingReadState = { items: [], decisions: [], actionItems: [], carriedOverFrom: null, updatedAt: null }

/** What a meeting's blocks are checked against, from the directory and the agenda's read model. */
export function meetingContextOf(context: Pick<DerivationContext, 'members' | 'derived'>, initiativeId: string): MeetingContext {
  const agenda = context.derived<AgendaReadState>(agendaDocumentName(initiativeId))
  return {
    memberIds: context.members(initiativeId),
    goalIds: (agenda?.goals ?? []).map((g) => g.id),
    indicatorIds: (agenda?.indicators ?? []).map((i) => i.id),
    activityIds: null,
  }
}

/** The derived records back in the domain's shape (for planCarryOver). */
export function asDerivedMeeting(state: MeetingReadState): DerivedMeeting {
  const record = <K extends 'item' | 'decision' | 'actionItem'>(
    kind: K,
    view: { id: string; blockId: string; position: number; issues: MeetingBlockRecord['issues'] },
    definition: MeetingBlockRecord<K>['definition'],
  ) => ({ kind, id: view.id, blockId: view.blockId, position: view.position, issues: view.issues, definition }) as MeetingBlockRecord<K>
  return {
    items: state.items.map((i) =>
      record('item', i, {
        id: i.blockId,
        title: i.title,
        presenter: i.presenter,
        timeboxMinutes: i.timeboxMinutes,
        links: i.links,
        status: i.status,
        carriedFrom: i.carriedFrom,
      }),
    ),
    decisions: state.decisions.map((d) =>
      record('decision', d, { id: d.blockId, statement: d.statement, rationale: d.rationale, status: d.status, supersedes: d.supersedes }),
    ),
    actionItems: state.actionItems.map((a) =>
      record('actionItem', a, { id: a.blockId, title: a.title, ownerId: a.ownerId, due: a.due, status: a.status, carriedFrom: a.carriedFrom }),
    ),
  }
}

export const meetingDeriver: Deriver<MeetingReadState> = {
  kind: 'meeting',
  version: 1,
  derive(input: DeriveInput<MeetingReadState>): MeetingReadState {
    const { name, doc, seq, time, user, previous, context, ref } = input
    const derived = deriveMeeting(doc.getXmlFragment(EDITOR_FRAGMENT), meetingContextOf(context, ref.initiativeId))
    const changedAt = new Date(time).toISOString()
    const changedBy: ActorRef | null = context.actor(user)
    const withProvenance = <V extends { id: string }>(
      prior: readonly (V & { provenance: Provenance; position: number })[] | undefined,
      records: { view: V; position: number; blockId: string }[],
    ) => {
      const before = new Map((prior ?? []).map((p) => [p.id, p]))
      return records.map(({ view, position, blockId }) => {
        const old = before.get(view.id)
        let provenance: Provenance = { document: name, blockId, changedAt, changedBy, seq }
        if (old) {
          const { provenance: oldProvenance, position: _position, ...rest } = old
          if (JSON.stringify(rest) === JSON.stringify(view)) provenance = oldProvenance
        }
        return { ...view, position, provenance }
      })
    }
    const items = withProvenance(
      previous?.items,
      derived.items.map((r) => ({
        position: r.position,
        blockId: r.blockId,
        view: { id: r.id, blockId: r.blockId, issues: r.issues, ...withoutId(r.definition) },
      })),
    ) as MeetingItemView[]
    const decisions = withProvenance(
      previous?.decisions,
      derived.decisions.map((r) => ({
        position: r.position,
        blockId: r.blockId,
        view: { id: r.id, blockId: r.blockId, issues: r.issues, ...withoutId(r.definition) },
      })),
    ) as DecisionView[]
    const actionItems = withProvenance(
      previous?.actionItems,
      derived.actionItems.map((r) => ({
        position: r.position,
        blockId: r.blockId,
        view: { id: r.id, blockId: r.blockId, issues: r.issues, ...withoutId(r.definition) },
      })),
    ) as ActionItemView[]
    const carried = doc.getMap<unknown>(MEETING_META).get('carriedOverFrom')
    const all = [...items, ...decisions, ...actionItems]
    const latest = all.reduce<string | null>((max, r) => (max === null || r.provenance.changedAt > max ? r.provenance.changedAt : max), null)
    return { items, decisions, actionItems, carriedOverFrom: typeof carried === 'string' ? carried : null, updatedAt: seq > 0 ? changedAt : latest }
  },
}

function withoutId<T extends { id: string }>(definition: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = definition
  return rest
}
