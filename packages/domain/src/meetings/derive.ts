// A meeting's derivation and carry-over. deriveMeeting: from the meeting document's editor fragment
// to its agenda items, decisions and action items, each with its validation issues — never throws,
// never drops a block; a repeated id (a copy, or two people carrying the same item over at once)
// is a second record keyed `<id>~2` with a `duplicate` issue on `id`.
//
// Carry-over: the open action items and the undiscussed agenda items of the previous meeting are
// added to the next one, marked with where they came from. A carried block's id is a function of
// its origin (carriedBlockId), so carrying over twice — again, or from two clients or two servers
// at the same moment — can only add blocks with ids the next meeting has already: planCarryOver
// skips those, and duplicateBlocks names the extra copies that a concurrent carry-over left, for
// removal. Editing a carried block afterwards (its title, its status) keeps its id and origin, so
// it is not carried again.
import * as Y from 'yjs'
import type { ValidationIssue } from '../indicators/definition.ts'
import {
  checkActionItem,
  checkDecision,
  checkItem,
  MEETING_BLOCK_NODES,
  MEETING_ID_PREFIX,
  meetingBlockKind,
  type ActionItemDefinition,
  type DecisionDefinition,
  type ItemDefinition,
  type MeetingBlockKind,
  type MeetingContext,
} from './blocks.ts'

interface Definitions {
  item: ItemDefinition
  decision: DecisionDefinition
  actionItem: ActionItemDefinition
}

export interface MeetingBlockRecord<K extends MeetingBlockKind = MeetingBlockKind> {
  kind: K
  /** Unique within the document: the id, `<id>~<n>` for a repeated one, `<kind>@<n>` without an id. */
  id: string
  /** The `id` attribute as written. */
  blockId: string
  /** Index among the document's structured blocks, in document order. */
  position: number
  definition: Definitions[K]
  issues: ValidationIssue[]
}

export interface DerivedMeeting {
  items: MeetingBlockRecord<'item'>[]
  decisions: MeetingBlockRecord<'decision'>[]
  actionItems: MeetingBlockRecord<'actionItem'>[]
}

/** The structured blocks of a meeting fragment in document order (nested ones included). */
export function meetingBlockElements(fragment: Y.XmlFragment): { kind: MeetingBlockKind; element: Y.XmlElement }[] {
  const found: { kind: MeetingBlockKind; element: Y.XmlElement }[] = []
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      const kind = meetingBlockKind(child.nodeName)
      if (kind) found.push({ kind, element: child })
      else visit(child)
    }
  }
  visit(fragment)
  return found
}

/** Derives every structured block of a meeting document. */
export function deriveMeeting(fragment: Y.XmlFragment, context: MeetingContext): DerivedMeeting {
  const result: DerivedMeeting = { items: [], decisions: [], actionItems: [] }
  const seen = new Map<string, number>()
  meetingBlockElements(fragment).forEach(({ kind, element }, position) => {
    const raw = element.getAttributes() as Record<string, unknown>
    const checked = kind === 'item' ? checkItem(raw, context) : kind === 'decision' ? checkDecision(raw) : checkActionItem(raw, context)
    const blockId = checked.definition.id
    const issues = [...checked.issues]
    let id = blockId === '' ? `${kind}@${position}` : blockId
    const count = (seen.get(id) ?? 0) + 1
    seen.set(id, count)
    if (count > 1) {
      issues.push({ field: 'id', code: 'duplicate' })
      id = `${id}~${count}`
    }
    const record = { kind, id, blockId, position, definition: checked.definition, issues }
    if (kind === 'item') result.items.push(record as MeetingBlockRecord<'item'>)
    else if (kind === 'decision') result.decisions.push(record as MeetingBlockRecord<'decision'>)
    else result.actionItems.push(record as MeetingBlockRecord<'actionItem'>)
  })
  // A decision superseded by a later active one is superseded, whatever its own status says.
  const replaced = new Set(
    result.decisions.filter((d) => d.definition.status === 'active' && d.definition.supersedes !== '').map((d) => d.definition.supersedes),
  )
  for (const decision of result.decisions) if (replaced.has(decision.blockId)) decision.definition = { ...decision.definition, status: 'superseded' }
  return result
}

/** FNV-1a over a string, as 10 base-36 characters. */
function hash10(input: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0
  }
  return (h1.toString(36) + h2.toString(36)).padStart(10, '0').slice(-10)
}

/** The id a block carried over from `meetingId` gets in the next meeting: the same on every client and server. */
export function carriedBlockId(kind: 'item' | 'actionItem', meetingId: string, blockId: string): string {
  return `${MEETING_ID_PREFIX[kind]}-${hash10(`${meetingId}/${blockId}`)}`
}

/** A block to add to the next meeting's document: its node name and attributes. */
export interface CarriedBlock {
  node: string
  attrs: Record<string, unknown>
}

/**
 * What carrying the previous meeting over adds to the next one: its open action items and its
 * agenda items not discussed (pending or deferred), valid ones only, in their order — minus what
 * the next meeting already has (by carried id or by origin).
 */
export function planCarryOver(previous: DerivedMeeting, previousMeetingId: string, next: DerivedMeeting): CarriedBlock[] {
  const present = new Set<string>()
  for (const record of [...next.items, ...next.actionItems]) {
    present.add(record.blockId)
    const from = record.definition.carriedFrom
    if (from) present.add(`${from.meetingId}/${from.blockId}`)
  }
  const plan: CarriedBlock[] = []
  for (const item of previous.items) {
    if (item.issues.length > 0 || item.definition.status === 'discussed') continue
    const id = carriedBlockId('item', previousMeetingId, item.blockId)
    if (present.has(id) || present.has(`${previousMeetingId}/${item.blockId}`)) continue
    const { title, presenter, timeboxMinutes, links } = item.definition
    plan.push({
      node: MEETING_BLOCK_NODES.item,
      attrs: { id, title, presenter, timeboxMinutes, links, status: 'pending', carriedFrom: { meetingId: previousMeetingId, blockId: item.blockId } },
    })
  }
  for (const action of previous.actionItems) {
    if (action.issues.length > 0 || action.definition.status !== 'open') continue
    const id = carriedBlockId('actionItem', previousMeetingId, action.blockId)
    if (present.has(id) || present.has(`${previousMeetingId}/${action.blockId}`)) continue
    const { title, ownerId, due } = action.definition
    plan.push({
      node: MEETING_BLOCK_NODES.actionItem,
      attrs: { id, title, ownerId, due, status: 'open', carriedFrom: { meetingId: previousMeetingId, blockId: action.blockId } },
    })
  }
  return plan
}

/** Appends carried blocks to a meeting fragment (one transaction is the caller's). */
export function appendCarried(fragment: Y.XmlFragment, blocks: readonly CarriedBlock[]): void {
  const elements = blocks.map((block) => {
    const element = new Y.XmlElement(block.node)
    for (const [key, value] of Object.entries(block.attrs)) element.setAttribute(key, value as string)
    return element
  })
  if (elements.length > 0) fragment.insert(fragment.length, elements)
}

/**
 * The elements that repeat an earlier block's id with the same origin — copies two concurrent
 * carry-overs made — in document order, for removal. A copy someone has edited since (other
 * attributes) is kept: it is shown with its `duplicate` issue instead.
 */
export function duplicateBlocks(fragment: Y.XmlFragment): Y.XmlElement[] {
  const first = new Map<string, string>()
  const extra: Y.XmlElement[] = []
  for (const { element } of meetingBlockElements(fragment)) {
    const attrs = element.getAttributes() as Record<string, unknown>
    if (typeof attrs.id !== 'string' || attrs.id === '' || !attrs.carriedFrom) continue
    const content = JSON.stringify(
      Object.keys(attrs)
        .sort()
        .map((key) => [key, attrs[key]]),
    )
    const earlier = first.get(attrs.id)
    if (earlier === undefined) first.set(attrs.id, content)
    else if (earlier === content) extra.push(element)
  }
  return extra
}

/** Removes the copies duplicateBlocks names (call inside a transaction); returns how many went. */
export function removeDuplicateBlocks(fragment: Y.XmlFragment): number {
  const extra = duplicateBlocks(fragment)
  for (const element of extra) {
    const parent = element.parent as Y.XmlFragment | Y.XmlElement | null
    if (!parent) continue
    const index = parent.toArray().indexOf(element)
    if (index >= 0) parent.delete(index, 1)
  }
  return extra.length
}

/** The meeting document's map of facts about the meeting itself (beside the editor fragment). */
export const MEETING_META = 'meeting'

/**
 * Carries the previous meeting over into `next` (a meeting document) in one transaction, once: the
 * document remembers it was done (`carriedOverFrom` in its meeting map), so an item someone removed
 * afterwards is not brought back. Copies from a concurrent carry-over elsewhere are removed. Returns
 * how many blocks were added.
 */
export function carryOver(previous: DerivedMeeting, previousMeetingId: string, next: Y.Doc, context: MeetingContext, origin?: unknown): number {
  let added = 0
  next.transact(() => {
    const fragment = next.getXmlFragment('default')
    const meta = next.getMap<unknown>(MEETING_META)
    if (meta.get('carriedOverFrom') !== previousMeetingId) {
      const plan = planCarryOver(previous, previousMeetingId, deriveMeeting(fragment, context))
      appendCarried(fragment, plan)
      meta.set('carriedOverFrom', previousMeetingId)
      added = plan.length
    }
    removeDuplicateBlocks(fragment)
  }, origin)
  return added
}
