import { describe, expect, it } from 'vitest'
import { START_NODE_FLAGS } from '@common-ground/server'
import { oursStartFlags } from './proc.ts'

describe('the benchmark starts ours', () => {
  it('with the node flags the product starts with', () => {
    expect(oursStartFlags()).toEqual([...START_NODE_FLAGS])
    expect(oursStartFlags().length).toBeGreaterThan(0)
  })
})
