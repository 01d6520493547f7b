// Summarises a V8 .cpuprofile (from `pnpm bench -- --profile=<server>:<scenario>`):
// the top functions by self time, and our own server code (server/src, packages/) by
// inclusive time, each with file:line.
//
//   node --import tsx bench/profile-summary.ts bench/results/profiles/<file>.cpuprofile [top=25]
import { readFileSync } from 'node:fs'
import path from 'node:path'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

const file = process.argv[2]
if (!file) {
  console.error('usage: profile-summary.ts <file.cpuprofile> [top]')
  process.exit(2)
}
const top = Number(process.argv[3] ?? 25)
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..')

const byId = new Map<number, ProfileNode>()
const parent = new Map<number, number>()
for (const node of profile.nodes) {
  byId.set(node.id, node)
  for (const child of node.children ?? []) parent.set(child, node.id)
}

function where(frame: CallFrame): string {
  let url = frame.url.replace(/^file:\/\//, '')
  if (url.startsWith(repoRoot)) url = path.relative(repoRoot, url)
  url = url.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
  return url ? `${url}:${frame.lineNumber + 1}` : '(native)'
}

function key(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'}  ${where(frame)}`
}

const self = new Map<string, number>()
const inclusive = new Map<string, number>()
let total = 0
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0
  total += dt
  const node = byId.get(id)!
  self.set(key(node.callFrame), (self.get(key(node.callFrame)) ?? 0) + dt)
  const seen = new Set<string>()
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const k = key(byId.get(n)!.callFrame)
    if (seen.has(k)) continue
    seen.add(k)
    inclusive.set(k, (inclusive.get(k) ?? 0) + dt)
  }
})

const ms = (us: number) => (us / 1000).toFixed(1).padStart(9)
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`
const isIdle = (k: string) => k.startsWith('(idle)') || k.startsWith('(program)') || k.startsWith('(garbage collector)')
const busy = [...self.entries()].filter(([k]) => !k.startsWith('(idle)')).reduce((n, [, v]) => n + v, 0)

console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s not idle`)
console.log(`\nTop ${top} by self time:`)
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)} ms ${pct(v)}  ${k}`)
console.log(`\nOur code (server/src, packages/) by inclusive time:`)
for (const [k, v] of [...inclusive.entries()]
  .filter(([k]) => !isIdle(k) && /(^|\s)(server\/src|packages\/)/.test(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  console.log(`${ms(v)} ms ${pct(v)}  ${k}`)
}
