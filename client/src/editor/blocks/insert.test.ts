// Where blocks go and what the glossary highlights, on real ProseMirror documents of the editor's schema.
import { describe, expect, it } from 'vitest'
import { getSchema } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import type { Node as PMNode } from '@tiptap/pm/model'
import { GlossaryTermBlock, GoalBlock, IndicatorBlock } from './nodes.ts'
import { goalsOf, indicatorPositionUnder, nearestGoalId } from './insert.ts'
import { glossaryDecorations, glossaryOf } from './glossaryHighlight.ts'

const schema = getSchema([StarterKit, GoalBlock, IndicatorBlock, GlossaryTermBlock])
const p = (text: string) => schema.node('paragraph', null, text ? [schema.text(text)] : [])
const goal = (id: string) => schema.node('goalBlock', { id, statement: `Goal ${id}` })
const indicator = (id: string) => schema.node('indicatorBlock', { id })
const term = (id: string, t: string, definition: string) => schema.node('glossaryTerm', { id, term: t, definition })
const docOf = (...nodes: PMNode[]) => schema.node('doc', null, nodes)

/** The position just before the n-th top-level child. */
const before = (doc: PMNode, n: number) => {
  let pos = 0
  for (let i = 0; i < n; i++) pos += doc.child(i).nodeSize
  return pos
}

describe('inserting blocks', () => {
  const doc = docOf(p('intro'), goal('g-a'), indicator('i-1'), indicator('i-2'), p('text'), goal('g-b'), p('end'))

  it('finds the goals and the nearest one above a position', () => {
    expect(goalsOf(doc).map((g) => g.id)).toEqual(['g-a', 'g-b'])
    expect(nearestGoalId(doc, before(doc, 0) + 1)).toBeNull()
    expect(nearestGoalId(doc, before(doc, 4) + 2)).toBe('g-a')
    expect(nearestGoalId(doc, before(doc, 6) + 1)).toBe('g-b')
  })

  it("puts an indicator after its goal's last indicator, or right after a goal without any", () => {
    expect(indicatorPositionUnder(doc, 'g-a')).toBe(before(doc, 4))
    expect(indicatorPositionUnder(doc, 'g-b')).toBe(before(doc, 6))
    expect(indicatorPositionUnder(doc, 'g-missing')).toBeNull()
  })
})

describe('glossary highlighting', () => {
  it('marks the defined terms in the text, with Hebrew prefixes, and not inside other words', () => {
    const doc = docOf(
      p('Our baseline and the baselines; והמדד עולה.'),
      term('t-1', 'baseline', 'The value at the start.'),
      term('t-2', 'מדד', 'ערך שנמדד.'),
      term('t-3', '', 'no term yet'),
    )
    expect(glossaryOf(doc).map((t) => t.id)).toEqual(['t-1', 't-2'])
    const found = glossaryDecorations(doc)
      .find()
      .map((d) => ({ text: doc.textBetween(d.from, d.to), title: (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs.title }))
    expect(found).toEqual([
      { text: 'baseline', title: 'The value at the start.' },
      { text: 'מדד', title: 'ערך שנמדד.' },
    ])
  })
})
