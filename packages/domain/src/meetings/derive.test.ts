// Meeting blocks derived from real Yjs documents: checks, duplicate ids, superseded decisions; and
// carry-over — once, idempotently, from two clients at the same time (their copies merge into
// duplicates that are removed), and not again after a carried item was edited.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendCarried, carriedBlockId, carryOver, deriveMeeting, duplicateBlocks, planCarryOver, removeDuplicateBlocks } from './derive.ts'
import type { MeetingContext } from './blocks.ts'

const context: MeetingContext = { memberIds: ['u-noa', 'u-yossi'], goalIds: ['g-ready00001'], indicatorIds: ['i-ready00001'], activityIds: null }

function block(node: string, attrs: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement(node)
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string)
  return element
}

function meeting(blocks: Y.XmlElement[]): Y.Doc {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('default')
  const heading = new Y.XmlElement('paragraph')
  heading.insert(0, [new Y.XmlText('Agenda')])
  fragment.insert(0, [heading, ...blocks])
  return doc
}

const previousDoc = () =>
  meeting([
    block('meetingItem', { id: 'm-budget0001', title: 'Budget for the summer programme', presenter: 'Noa', timeboxMinutes: 20, status: 'discussed' }),
    block('meetingItem', { id: 'm-readiness1', title: 'Readiness data', timeboxMinutes: '15', links: [{ kind: 'indicator', id: 'i-ready00001' }] }),
    block('meetingItem', { id: 'm-deferred01', title: 'Parents council seat', status: 'deferred' }),
    block('decisionBlock', { id: 'd-summer0001', statement: 'Fund four summer camps', rationale: 'The waiting list doubled.' }),
    block('actionItemBlock', { id: 'a-letter0001', title: 'Send the letter to the ministry', ownerId: 'u-yossi', due: '2026-03-20' }),
    block('actionItemBlock', { id: 'a-done000001', title: 'Book the hall', ownerId: 'u-noa', status: 'done' }),
    block('actionItemBlock', { id: 'a-orphan0001', title: 'No owner yet' }),
  ])

describe('deriving a meeting', () => {
  it('checks every block and never drops one', () => {
    const doc = meeting([
      block('meetingItem', { id: 'm-1111111111', title: '', timeboxMinutes: 'long', links: [{ kind: 'goal', id: 'g-nope' }] }),
      block('decisionBlock', { id: 'd-old0000001', statement: 'Meet monthly' }),
      block('decisionBlock', { id: 'd-new0000001', statement: 'Meet every two weeks', supersedes: 'd-old0000001' }),
      block('actionItemBlock', { id: 'a-1111111111', title: 'Call the school', ownerId: 'u-stranger', due: '2026-02-31', status: 'later' }),
      block('actionItemBlock', { id: 'a-1111111111', title: 'A copy' }),
    ])
    const derived = deriveMeeting(doc.getXmlFragment('default'), context)
    expect(derived.items[0]!.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['title:required', 'timeboxMinutes:not_a_number', 'links.0:invalid_choice'])
    expect(derived.decisions.map((d) => [d.id, d.definition.status])).toEqual([
      ['d-old0000001', 'superseded'],
      ['d-new0000001', 'active'],
    ])
    expect(derived.actionItems.map((a) => a.id)).toEqual(['a-1111111111', 'a-1111111111~2'])
    expect(derived.actionItems[0]!.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['ownerId:invalid_choice', 'due:invalid_period', 'status:invalid_choice'])
    expect(derived.actionItems[1]!.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['ownerId:required', 'id:duplicate'])
    expect(derived.actionItems.map((a) => a.position)).toEqual([3, 4])
  })
})

describe('carry-over', () => {
  it('carries open action items and undiscussed items once, with their origin', () => {
    const previous = deriveMeeting(previousDoc().getXmlFragment('default'), context)
    const next = meeting([])
    const fragment = next.getXmlFragment('default')
    const plan = planCarryOver(previous, 'mt-0312', deriveMeeting(fragment, context))
    expect(plan.map((b) => [b.node, b.attrs.title, b.attrs.carriedFrom])).toEqual([
      ['meetingItem', 'Readiness data', { meetingId: 'mt-0312', blockId: 'm-readiness1' }],
      ['meetingItem', 'Parents council seat', { meetingId: 'mt-0312', blockId: 'm-deferred01' }],
      ['actionItemBlock', 'Send the letter to the ministry', { meetingId: 'mt-0312', blockId: 'a-letter0001' }],
    ])
    expect(plan[0]!.attrs).toMatchObject({ id: carriedBlockId('item', 'mt-0312', 'm-readiness1'), status: 'pending', timeboxMinutes: 15 })
    next.transact(() => appendCarried(fragment, plan))
    const after = deriveMeeting(fragment, context)
    expect(after.items.map((i) => i.definition.carriedFrom?.blockId)).toEqual(['m-readiness1', 'm-deferred01'])
    expect(after.actionItems[0]!.definition).toMatchObject({ ownerId: 'u-yossi', due: '2026-03-20', status: 'open' })
    // Twice: nothing more.
    expect(planCarryOver(previous, 'mt-0312', after)).toEqual([])
    // A carried item edited afterwards (done now, retitled) is not carried again.
    const carried = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === plan[2]!.attrs.id) as Y.XmlElement
    carried.setAttribute('status', 'done')
    carried.setAttribute('title', 'Letter sent')
    expect(planCarryOver(previous, 'mt-0312', deriveMeeting(fragment, context))).toEqual([])
  })

  it('two clients carrying over at once converge to one copy of each once duplicates are removed', () => {
    const previous = deriveMeeting(previousDoc().getXmlFragment('default'), context)
    const a = meeting([])
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b]) {
      const fragment = doc.getXmlFragment('default')
      doc.transact(() => appendCarried(fragment, planCarryOver(previous, 'mt-0312', deriveMeeting(fragment, context))))
    }
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const merged = deriveMeeting(a.getXmlFragment('default'), context)
    expect(merged.items).toHaveLength(4)
    expect(merged.items.filter((i) => i.issues.some((issue) => issue.code === 'duplicate'))).toHaveLength(2)
    expect(duplicateBlocks(a.getXmlFragment('default'))).toHaveLength(3)
    // Both remove the extra copies; they choose the same ones, so the documents agree afterwards.
    a.transact(() => removeDuplicateBlocks(a.getXmlFragment('default')))
    b.transact(() => removeDuplicateBlocks(b.getXmlFragment('default')))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const clean = deriveMeeting(a.getXmlFragment('default'), context)
    expect(clean.items.map((i) => i.id)).toEqual([carriedBlockId('item', 'mt-0312', 'm-readiness1'), carriedBlockId('item', 'mt-0312', 'm-deferred01')])
    expect(clean.actionItems).toHaveLength(1)
    expect(a.getXmlFragment('default').toJSON()).toBe(b.getXmlFragment('default').toJSON())
  })

  it('is done once per document: an item removed after the carry-over does not come back', () => {
    const previous = deriveMeeting(previousDoc().getXmlFragment('default'), context)
    const next = meeting([])
    expect(carryOver(previous, 'mt-0312', next, context)).toBe(3)
    const fragment = next.getXmlFragment('default')
    const deferred = carriedBlockId('item', 'mt-0312', 'm-deferred01')
    const index = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('id') === deferred)
    fragment.delete(index, 1)
    expect(carryOver(previous, 'mt-0312', next, context)).toBe(0)
    expect(deriveMeeting(fragment, context).items.map((i) => i.blockId)).toEqual([carriedBlockId('item', 'mt-0312', 'm-readiness1')])
  })
})
