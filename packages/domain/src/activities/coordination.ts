// The coordination check: what the activity map says about how the partners' work fits the common
// agenda. Pure and fast (a map of 500 activities and 1,000 relations in a few milliseconds, so the
// server recomputes it after every edit):
// - goals and indicators of the agenda that no activity works on (gaps);
// - activities of different lead partners that share a goal and read alike — a possible duplicate,
//   with the reason (the shared goals, the shared words, how similar title and text are);
// - partners with no activity (neither leading nor responsible or accountable for one);
// - sectors with no activity (no partner of the sector has one; also a sector nobody at the table is from);
// - activities linked to no indicator (their contribution cannot be measured).
// Dropped activities count for nothing.
import { SECTORS } from '../roles.ts'
import type { ActivityRecord, RelationRecord } from './map.ts'
import { textTokens } from './tokens.ts'

export interface CoordinationInput {
  activities: readonly ActivityRecord[]
  relations: readonly RelationRecord[]
  /** The agenda's goals and indicators (its derived records). */
  goals: readonly { id: string }[]
  indicators: readonly { id: string; goalId: string | null }[]
  partners: readonly { id: string; sector: string }[]
}

export interface DuplicateReason {
  sharedGoalIds: string[]
  /** The shared words in their comparison form (tokens.ts). */
  sharedWords: string[]
  /** Word overlap of the titles and of title and description together, 0–1. */
  titleSimilarity: number
  textSimilarity: number
}

export type CoordinationFinding =
  | { kind: 'goal_gap'; goalId: string }
  | { kind: 'indicator_gap'; indicatorId: string; goalId: string | null }
  | {
      kind: 'possible_duplicate'
      activityIds: [string, string]
      partnerIds: [string, string]
      reason: DuplicateReason
      /** A relation between the two, if the map has one (a `duplicates` relation confirms it). */
      relationId: string | null
    }
  | { kind: 'idle_partner'; partnerId: string; sector: string }
  | { kind: 'uncovered_sector'; sector: string; partnerIds: string[] }
  | { kind: 'unmeasured_activity'; activityId: string; leadPartnerId: string }

export type CoordinationFindingKind = CoordinationFinding['kind']
export const COORDINATION_FINDING_KINDS = [
  'goal_gap',
  'indicator_gap',
  'possible_duplicate',
  'idle_partner',
  'uncovered_sector',
  'unmeasured_activity',
] as const

/** When two activities read alike enough to be reported. */
export const DUPLICATE_THRESHOLDS = { title: 0.5, text: 0.3, minSharedWords: 2 } as const

/** At most this many possible duplicates are listed (the most alike first); `counts` has them all. */
export const MAX_DUPLICATES = 200

export interface CoordinationResult {
  findings: CoordinationFinding[]
  /** Per kind, every finding (possible duplicates also beyond MAX_DUPLICATES). */
  counts: Record<CoordinationFindingKind, number>
}

// Words as sorted integer ids, by text: an edit changes one activity, the others' words are reused,
// and comparing two activities is a merge of two short integer arrays.
const wordIds = new Map<string, number>()
const words: string[] = []
const tokenCache = new Map<string, Int32Array>()
function tokensOf(text: string): Int32Array {
  let tokens = tokenCache.get(text)
  if (!tokens) {
    if (tokenCache.size > 20_000) tokenCache.clear()
    const ids: number[] = []
    for (const word of textTokens(text)) {
      let id = wordIds.get(word)
      if (id === undefined) {
        id = words.length
        words.push(word)
        wordIds.set(word, id)
      }
      ids.push(id)
    }
    tokens = Int32Array.from(ids).sort()
    tokenCache.set(text, tokens)
  }
  return tokens
}

function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0
  let j = 0
  let count = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (x === y) {
      count++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return count
}

function sharedWords(a: Int32Array, b: Int32Array): string[] {
  const set = new Set(b)
  const out: string[] = []
  for (const id of a) if (set.has(id)) out.push(words[id]!)
  return out
}

const jaccard = (shared: number, a: Int32Array, b: Int32Array) => (a.length === 0 || b.length === 0 ? 0 : shared / (a.length + b.length - shared))

const round = (n: number) => Math.round(n * 100) / 100

/** The partners who do an activity: its lead and the contributors responsible or accountable for it. */
export function activityPartners(activity: ActivityRecord): string[] {
  const ids = activity.leadPartnerId === '' ? [] : [activity.leadPartnerId]
  for (const c of activity.contributors) if (c.role === 'responsible' || c.role === 'accountable') ids.push(c.partnerId)
  return ids
}

export function coordinationCheck(input: CoordinationInput): CoordinationResult {
  const live = input.activities.filter((a) => a.status !== 'dropped')
  const findings: CoordinationFinding[] = []

  const workedGoals = new Set<string>()
  const workedIndicators = new Set<string>()
  const activePartners = new Set<string>()
  for (const a of live) {
    for (const g of a.goalIds) workedGoals.add(g)
    for (const i of a.indicators) workedIndicators.add(i.indicatorId)
    for (const p of activityPartners(a)) activePartners.add(p)
  }
  for (const g of input.goals) if (!workedGoals.has(g.id)) findings.push({ kind: 'goal_gap', goalId: g.id })
  for (const i of input.indicators) if (!workedIndicators.has(i.id)) findings.push({ kind: 'indicator_gap', indicatorId: i.id, goalId: i.goalId })

  // Possible duplicates: pairs within each goal's activities, each pair once.
  const relationOf = new Map<string, string>()
  for (const r of input.relations) {
    const key = r.from < r.to ? `${r.from}\n${r.to}` : `${r.to}\n${r.from}`
    if (!relationOf.has(key) || r.type === 'duplicates') relationOf.set(key, r.id)
  }
  const byGoal = new Map<string, number[]>()
  live.forEach((a, index) => {
    for (const g of a.goalIds) {
      const list = byGoal.get(g)
      if (list) list.push(index)
      else byGoal.set(g, [index])
    }
  })
  const titles = live.map((a) => tokensOf(a.title))
  const texts = live.map((a) => tokensOf(a.description === '' ? a.title : `${a.title}\n${a.description}`))
  // A pair meets in every goal both work on: it is compared in the first one only.
  const multiGoal = live.map((a) => a.goalIds.length > 1)
  const seen = new Set<number>()
  const n = live.length
  // Candidates as flat numbers (first, second, title score, text score): few objects until the top ones are known.
  const candidates: number[] = []
  for (const members of byGoal.values()) {
    for (let x = 0; x < members.length; x++) {
      const i = members[x]!
      const lead = live[i]!.leadPartnerId
      if (lead === '') continue
      const ta = titles[i]!
      const xa = texts[i]!
      for (let y = x + 1; y < members.length; y++) {
        const j = members[y]!
        const other = live[j]!.leadPartnerId
        if (lead === other || other === '') continue
        if (multiGoal[i] && multiGoal[j]) {
          const pair = i < j ? i * n + j : j * n + i
          if (seen.has(pair)) continue
          seen.add(pair)
        }
        const tb = titles[j]!
        const xb = texts[j]!
        const titleShared = sharedCount(ta, tb)
        const titleScore = jaccard(titleShared, ta, tb)
        const textShared = sharedCount(xa, xb)
        const textScore = jaccard(textShared, xa, xb)
        if (
          (titleScore >= DUPLICATE_THRESHOLDS.title && titleShared >= 1) ||
          (textScore >= DUPLICATE_THRESHOLDS.text && textShared >= DUPLICATE_THRESHOLDS.minSharedWords)
        )
          candidates.push(i, j, titleScore, textScore)
      }
    }
  }
  const order = Array.from({ length: candidates.length / 4 }, (_, k) => k)
  const idOf = (k: number, which: 0 | 1) => {
    const a = live[candidates[k * 4]!]!.id
    const b = live[candidates[k * 4 + 1]!]!.id
    return a < b === (which === 0) ? a : b
  }
  order.sort((p, q) => {
    const d = candidates[q * 4 + 3]! - candidates[p * 4 + 3]! || candidates[q * 4 + 2]! - candidates[p * 4 + 2]!
    if (d !== 0) return d
    const p0 = idOf(p, 0)
    const q0 = idOf(q, 0)
    if (p0 !== q0) return p0 < q0 ? -1 : 1
    return idOf(p, 1) < idOf(q, 1) ? -1 : 1
  })
  for (let k = 0; k < order.length && k < MAX_DUPLICATES; k++) {
    const c = order[k]! * 4
    const [i, j] = live[candidates[c]!]!.id < live[candidates[c + 1]!]!.id ? [candidates[c]!, candidates[c + 1]!] : [candidates[c + 1]!, candidates[c]!]
    const first = live[i]!
    const second = live[j]!
    const goalsOfSecond = new Set(second.goalIds)
    findings.push({
      kind: 'possible_duplicate',
      activityIds: [first.id, second.id],
      partnerIds: [first.leadPartnerId, second.leadPartnerId],
      reason: {
        sharedGoalIds: first.goalIds.filter((g) => goalsOfSecond.has(g)),
        sharedWords: sharedWords(texts[i]!, texts[j]!).sort(),
        titleSimilarity: round(candidates[c + 2]!),
        textSimilarity: round(candidates[c + 3]!),
      },
      relationId: relationOf.get(`${first.id}\n${second.id}`) ?? null,
    })
  }

  const sectorPartners = new Map<string, string[]>(SECTORS.map((s) => [s, []]))
  const activeSectors = new Set<string>()
  for (const p of input.partners) {
    if (!sectorPartners.has(p.sector)) sectorPartners.set(p.sector, [])
    sectorPartners.get(p.sector)!.push(p.id)
    if (activePartners.has(p.id)) activeSectors.add(p.sector)
    else findings.push({ kind: 'idle_partner', partnerId: p.id, sector: p.sector })
  }
  for (const [sector, partnerIds] of sectorPartners) if (!activeSectors.has(sector)) findings.push({ kind: 'uncovered_sector', sector, partnerIds })

  for (const a of live) if (a.indicators.length === 0) findings.push({ kind: 'unmeasured_activity', activityId: a.id, leadPartnerId: a.leadPartnerId })

  const counts = Object.fromEntries(COORDINATION_FINDING_KINDS.map((k) => [k, 0])) as Record<CoordinationFindingKind, number>
  for (const f of findings) counts[f.kind]++
  counts.possible_duplicate = order.length
  return { findings, counts }
}
