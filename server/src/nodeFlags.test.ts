import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { START_NODE_FLAGS } from './nodeFlags.ts'

// Churns through short-lived objects while holding on to some, then prints the young
// generation's size in MB (both semi-spaces).
const CHURN = `
const v8 = require('node:v8')
let keep = []
for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 2e5) keep = [] }
const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')
console.log(young.space_size / 2 ** 20)
`

function youngGenerationMb(flags: readonly string[]): number {
  return Number(execFileSync(process.execPath, [...flags, '-e', CHURN], { encoding: 'utf8' }).trim())
}

describe('the node flags of `pnpm start`', () => {
  it('are what server/package.json starts the bundle with', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }
    expect(pkg.scripts.start).toBe(['node', ...START_NODE_FLAGS, 'dist/main.mjs'].join(' '))
  })

  it('cap the young generation at two 4 MB semi-spaces, where the default grows past it', () => {
    expect(youngGenerationMb(START_NODE_FLAGS)).toBeLessThanOrEqual(8)
    expect(youngGenerationMb([])).toBeGreaterThan(8)
  })
})
