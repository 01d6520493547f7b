import { describe, expect, it } from 'vitest'
import { blocksOf } from './CompareView.tsx'

describe('blocksOf', () => {
  it('groups runs into blocks, folds a list item into its first paragraph and keeps the ops', () => {
    const blocks = blocksOf([
      { op: 'equal', text: 'Intro', author: null },
      { op: 'equal', text: '\n', author: null, block: 'bulletList' },
      { op: 'insert', text: '\n', author: { userId: 'u1', name: 'Noa' }, block: 'listItem' },
      { op: 'insert', text: '\n', author: { userId: 'u1', name: 'Noa' }, block: 'paragraph' },
      { op: 'insert', text: 'New point', author: { userId: 'u1', name: 'Noa' } },
      { op: 'equal', text: '\n', author: null, block: 'heading' },
      { op: 'equal', text: 'Goals ', author: null },
      { op: 'delete', text: 'old', author: { userId: 'u2', name: 'Dana' } },
    ])
    expect(blocks.map((b) => [b.name, b.op, b.bullet ?? false, b.runs.map((r) => `${r.op}:${r.text}`).join('|')])).toEqual([
      ['paragraph', 'equal', false, 'equal:Intro'],
      ['bulletList', 'equal', false, ''],
      ['paragraph', 'insert', true, 'insert:New point'],
      ['heading', 'equal', false, 'equal:Goals |delete:old'],
    ])
  })
})
