import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { EDITOR_FRAGMENT } from '../documents/kinds.ts'
import { AGENDA_BLOCK_NODES, BLOCK_ID, checkGlossaryTerm, checkGoal, newBlockId } from './blocks.ts'
import { AgendaDeriver, deriveAgenda } from './derive.ts'

const context = { partnerIds: ['municipality', 'university'] }

function block(node: string, attributes: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement(node)
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string)
  return element
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  return p
}

function agenda(...children: Y.XmlElement[]): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment(EDITOR_FRAGMENT)
  fragment.insert(0, children)
  return { doc, fragment }
}

const goal = (id: string, statement: string, extra: Record<string, unknown> = {}) => block(AGENDA_BLOCK_NODES.goal, { id, statement, ...extra })
const indicator = (id: string, name: string, extra: Record<string, unknown> = {}) => block(AGENDA_BLOCK_NODES.indicator, { id, name, ...extra })
const term = (id: string, t: string, definition: string) => block(AGENDA_BLOCK_NODES.glossaryTerm, { id, term: t, definition })

describe('block checks', () => {
  it('a goal needs a statement; order is a positive integer', () => {
    expect(checkGoal({ id: 'g-1', statement: '  Every child ready for school ', order: '2' })).toEqual({
      definition: { id: 'g-1', statement: 'Every child ready for school', population: '', order: 2 },
      issues: [],
    })
    expect(checkGoal({ order: 'soon', population: 'x'.repeat(300) }).issues).toEqual([
      { field: 'id', code: 'required' },
      { field: 'statement', code: 'required' },
      { field: 'population', code: 'too_long' },
      { field: 'order', code: 'not_a_number' },
    ])
    expect(checkGoal({ id: 'g', statement: 's', order: 0 }).issues).toEqual([{ field: 'order', code: 'out_of_range' }])
  })

  it('a glossary term needs the term and its definition; whitespace is folded', () => {
    expect(checkGlossaryTerm({ id: 't-1', term: ' school   readiness ', definition: 'd' }).definition.term).toBe('school readiness')
    expect(checkGlossaryTerm({ id: 't-1', term: 42, definition: ['not text'] }).issues).toEqual([{ field: 'definition', code: 'required' }])
  })

  it('block ids carry their kind and match the id pattern', () => {
    let n = 0
    const id = newBlockId('indicator', () => (n++ % 36) / 36)
    expect(id).toBe('i-0123456789')
    expect(BLOCK_ID.test(newBlockId('goal'))).toBe(true)
    expect(BLOCK_ID.test(newBlockId('glossaryTerm'))).toBe(true)
  })
})

describe('deriveAgenda', () => {
  it('derives goals, indicators under the goal before them, and glossary terms, ignoring rich text', () => {
    const { fragment } = agenda(
      paragraph('Our common agenda'),
      goal('g-b', 'Parents take part', { order: 2 }),
      indicator('i-3', 'Parents in workshops', { valueType: 'count' }),
      goal('g-a', 'Children ready for school', { order: 1 }),
      paragraph('between'),
      indicator('i-1', 'Ready for first grade', { valueType: 'percent', ownerPartnerId: 'municipality' }),
      indicator('i-2', 'Reading at grade level', { goalId: 'g-b' }),
      term('t-1', 'School readiness', 'Assessed in the spring screening'),
    )
    const records = deriveAgenda(fragment, context)
    expect(records.goals.map((g) => g.id)).toEqual(['g-a', 'g-b'])
    expect(records.indicators.map((i) => [i.id, i.definition.goalId, i.issues])).toEqual([
      ['i-3', 'g-b', []],
      ['i-1', 'g-a', []],
      ['i-2', 'g-b', []],
    ])
    expect(records.indicators.map((i) => i.position)).toEqual([1, 3, 4])
    expect(records.glossary).toMatchObject([{ id: 't-1', definition: { term: 'School readiness' }, issues: [] }])
  })

  it('keeps every invalid block as a record with its issues', () => {
    const { fragment } = agenda(
      indicator('i-orphan', 'Before any goal'),
      goal('g-1', ''),
      indicator('i-bad', '', { targets: [{ value: 'seventy', period: '2028' }], ownerPartnerId: 'not-a-partner', goalId: 'g-gone' }),
      block(AGENDA_BLOCK_NODES.indicator, {}),
      term('t-1', 'Readiness', 'one'),
      term('t-2', '  READINESS ', 'two'),
    )
    const records = deriveAgenda(fragment, context)
    expect(records.goals[0]!.issues).toEqual([{ field: 'statement', code: 'required' }])
    const [orphan, bad, empty] = records.indicators
    expect(orphan!.issues).toEqual([{ field: 'goalId', code: 'required' }])
    expect(bad!.issues).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'required' },
        { field: 'targets.0.value', code: 'not_a_number' },
        { field: 'ownerPartnerId', code: 'not_a_partner' },
        { field: 'goalId', code: 'unknown_goal' },
      ]),
    )
    expect(bad!.definition.goalId).toBe('g-1')
    expect(empty!.id).toBe('indicator@3')
    expect(empty!.issues).toEqual(expect.arrayContaining([{ field: 'id', code: 'required' }]))
    expect(records.glossary[1]!.issues).toEqual([{ field: 'term', code: 'duplicate' }])
  })

  it('a copy-pasted block with the same id becomes a second record, flagged', () => {
    const { fragment } = agenda(goal('g-1', 'A'), indicator('i-1', 'First'), indicator('i-1', 'Pasted copy'))
    const { indicators } = deriveAgenda(fragment, context)
    expect(indicators.map((i) => [i.id, i.blockId, i.definition.id])).toEqual([
      ['i-1', 'i-1', 'i-1'],
      ['i-1~2', 'i-1', 'i-1~2'],
    ])
    expect(indicators[1]!.issues).toEqual([{ field: 'id', code: 'duplicate' }])
  })

  it('finds blocks nested in other nodes', () => {
    const quote = new Y.XmlElement('blockquote')
    const { fragment } = agenda(goal('g-1', 'A'), quote)
    quote.insert(0, [indicator('i-1', 'Nested')])
    expect(deriveAgenda(fragment, context).indicators.map((i) => i.id)).toEqual(['i-1'])
  })
})

describe('AgendaDeriver (incremental)', () => {
  it('re-checks only the blocks whose attributes changed, and reports what changed and what went', () => {
    const { doc, fragment } = agenda(goal('g-1', 'A'), indicator('i-1', 'One'), indicator('i-2', 'Two'), paragraph('text'))
    const deriver = new AgendaDeriver(context)
    const first = deriver.derive(fragment)
    expect(deriver.checks).toBe(3)
    expect(first.changed.sort()).toEqual(['g-1', 'i-1', 'i-2'])

    ;(fragment.get(3) as Y.XmlElement).insert(0, [new Y.XmlText('more text')])
    const unchanged = deriver.derive(fragment)
    expect(deriver.checks).toBe(3)
    expect(unchanged.changed).toEqual([])

    doc.transact(() => (fragment.get(2) as Y.XmlElement).setAttribute('name', 'Two, renamed'))
    const renamed = deriver.derive(fragment)
    expect(deriver.checks).toBe(4)
    expect(renamed.changed).toEqual(['i-2'])
    expect(renamed.indicators[1]!.definition.name).toBe('Two, renamed')

    fragment.delete(1, 1)
    const removed = deriver.derive(fragment)
    expect(deriver.checks).toBe(4)
    expect(removed.removed).toEqual(['i-1'])
    expect(removed.changed).toEqual([])
  })

  it('a goal removed makes its indicators change (they lose their goal) without re-checking them', () => {
    const { fragment } = agenda(goal('g-1', 'A'), indicator('i-1', 'One'))
    const deriver = new AgendaDeriver(context)
    deriver.derive(fragment)
    fragment.delete(0, 1)
    const after = deriver.derive(fragment)
    expect(deriver.checks).toBe(2)
    expect(after.changed).toEqual(['i-1'])
    expect(after.indicators[0]!.issues).toEqual([{ field: 'goalId', code: 'required' }])
    expect(after.removed).toEqual(['g-1'])
  })

  it('a new partner list re-checks indicators only, and an owner that became a partner is valid', () => {
    const { fragment } = agenda(goal('g-1', 'A'), indicator('i-1', 'One', { ownerPartnerId: 'clinic' }))
    const deriver = new AgendaDeriver(context)
    expect(deriver.derive(fragment).indicators[0]!.issues).toEqual([{ field: 'ownerPartnerId', code: 'not_a_partner' }])
    deriver.setContext({ partnerIds: [...context.partnerIds, 'clinic'] })
    const after = deriver.derive(fragment)
    expect(deriver.checks).toBe(3)
    expect(after.indicators[0]!.issues).toEqual([])
    expect(after.changed).toEqual(['i-1'])
    deriver.setContext({ partnerIds: [...context.partnerIds, 'clinic'] })
    deriver.derive(fragment)
    expect(deriver.checks).toBe(3)
  })

  it('converges: two replicas editing concurrently derive the same records', () => {
    const a = agenda(goal('g-1', 'A'), indicator('i-1', 'One'))
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc))
    const fb = b.getXmlFragment(EDITOR_FRAGMENT)
    ;(a.fragment.get(1) as Y.XmlElement).setAttribute('unit', 'children')
    fb.insert(2, [indicator('i-2', 'Two')])
    ;(fb.get(1) as Y.XmlElement).setAttribute('name', 'One (renamed)')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc))
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b))
    expect(deriveAgenda(a.fragment, context)).toEqual(deriveAgenda(fb, context))
    expect(deriveAgenda(fb, context).indicators.map((i) => [i.id, i.definition.name, i.definition.unit])).toEqual([
      ['i-1', 'One (renamed)', 'children'],
      ['i-2', 'Two', ''],
    ])
  })
})
