// The domain benchmarks' parameters (standard and --quick) and their content: agendas of many
// indicator blocks (the attributes TipTap's node views write, as in server/src/demo/demoAgendaBlocks.ts),
// quarterly periods, CSV files of measurement values, batches of approval decisions that fit the
// API's body limit. Pure functions, unit-tested in domain.test.ts.

export interface DomainParams {
  /** (D1) keystroke → derived record, on one agenda. */
  keystroke: { indicators: number; goals: number; partners: number; warmup: number; keystrokes: number; httpKeystrokes: number; gapMs: number }
  /** (D2) report card: indicators × quarterly periods × partners, every value approved. */
  reportCard: { indicators: number; periods: number; partners: number; warmReps: number; changeReps: number }
  /** (D3) one CSV import of `rows` rows into a fresh initiative's sheet. */
  csvImport: { rows: number; indicators: number; partners: number }
  /** (D4) read-model rebuild at start: `initiatives` × (agenda + measurement sheet) documents. */
  rebuild: { initiatives: number; indicatorsPerAgenda: number; cellsPerSheet: number; concurrency: number }
  /** (D5) history: one agenda of `updates` one-character updates in `versions` versions; `reps` timed requests each. */
  history: { updates: number; versions: number; reps: number }
  /** (D6) `cg export` / `cg import` / `cg backup` of one initiative of `documents` documents and `updates` updates (archiveBench.ts). */
  archive: { documents: number; updates: number }
  /** (D7) activity map: `activities` and `relations` over an agenda of `goals` goals and `indicators` indicators; `edits` timed edits, `joins` timed joins. */
  activityMap: { activities: number; relations: number; goals: number; indicators: number; partners: number; edits: number; joins: number }
}

export const DOMAIN_STANDARD: DomainParams = {
  keystroke: { indicators: 300, goals: 10, partners: 8, warmup: 50, keystrokes: 300, httpKeystrokes: 100, gapMs: 50 },
  reportCard: { indicators: 300, periods: 40, partners: 8, warmReps: 200, changeReps: 40 },
  csvImport: { rows: 100_000, indicators: 300, partners: 8 },
  rebuild: { initiatives: 500, indicatorsPerAgenda: 5, cellsPerSheet: 20, concurrency: 4 },
  history: { updates: 10_000, versions: 20, reps: 30 },
  archive: { documents: 50, updates: 100_000 },
  activityMap: { activities: 500, relations: 1000, goals: 10, indicators: 30, partners: 8, edits: 40, joins: 10 },
}

export const DOMAIN_QUICK: DomainParams = {
  keystroke: { indicators: 300, goals: 10, partners: 8, warmup: 10, keystrokes: 40, httpKeystrokes: 10, gapMs: 20 },
  reportCard: { indicators: 30, periods: 8, partners: 2, warmReps: 30, changeReps: 5 },
  csvImport: { rows: 5_000, indicators: 30, partners: 2 },
  rebuild: { initiatives: 20, indicatorsPerAgenda: 5, cellsPerSheet: 20, concurrency: 4 },
  history: { updates: 2_000, versions: 10, reps: 10 },
  archive: { documents: 10, updates: 5_000 },
  activityMap: { activities: 500, relations: 1000, goals: 10, indicators: 30, partners: 8, edits: 10, joins: 3 },
}

/** A structured block as the agenda's XmlFragment holds it: node name and attributes. */
export interface BlockSpec {
  node: 'goalBlock' | 'indicatorBlock'
  attrs: Record<string, unknown>
}

/** `i-b00042`: block ids that pass the domain's BLOCK_ID (`^[git]-[a-z0-9]{4,24}$`). */
export const indicatorId = (i: number) => `i-b${String(i).padStart(5, '0')}`
export const goalId = (g: number) => `g-b${String(g).padStart(5, '0')}`

/** `count` quarters ending with 2025-Q4, oldest first. */
export function quarters(count: number, lastYear = 2025): string[] {
  const out: string[] = []
  for (let k = count - 1; k >= 0; k--) {
    const year = lastYear - Math.floor(k / 4)
    out.push(`${year}-Q${4 - (k % 4)}`)
  }
  return out
}

/**
 * An agenda of `goals` goals with `indicators` quarterly count indicators spread over them (goal,
 * then its indicators), each with a baseline, two targets, an owner partner and a minimum change.
 */
export function agendaBlocks(indicators: number, goals: number, partnerIds: readonly string[]): BlockSpec[] {
  const blocks: BlockSpec[] = []
  const perGoal = Math.ceil(indicators / Math.max(1, goals))
  for (let i = 0; i < indicators; i++) {
    if (i % perGoal === 0) {
      const g = i / perGoal
      blocks.push({ node: 'goalBlock', attrs: { id: goalId(g), order: g + 1, statement: `Goal ${g + 1}: every family thrives`, population: 'Residents' } })
    }
    blocks.push({
      node: 'indicatorBlock',
      attrs: {
        id: indicatorId(i),
        name: `Indicator ${i + 1}`,
        definition: `Families reached by programme ${i + 1}, counted once per quarter.`,
        valueType: 'count',
        unit: 'families',
        polarity: 'higher_is_better',
        baseline: { value: 100, period: '2015-Q4' },
        targets: [
          { period: '2026-Q4', value: 200 },
          { period: '2028-Q4', value: 260 },
        ],
        frequency: 'quarterly',
        dataSource: 'Partner records',
        ...(partnerIds.length ? { ownerPartnerId: partnerIds[i % partnerIds.length] } : {}),
        minChange: 2,
      },
    })
  }
  return blocks
}

/**
 * A CSV file of `rows` measurement rows (indicator, period, partner, value, note): indicators ×
 * periods × partners in that nesting, cycling through periods for as long as rows remain (every
 * row a distinct cell). Values grow over the periods, so trends and statuses have work to do.
 */
export function measurementCsv(rows: number, indicatorIds: readonly string[], periods: readonly string[], partnerIds: readonly string[]): string {
  const cells = indicatorIds.length * periods.length * partnerIds.length
  if (rows > cells) throw new Error(`${rows} rows need more than ${cells} distinct cells`)
  const lines = ['indicator,period,partner,value,note']
  let n = 0
  outer: for (let p = 0; p < periods.length; p++) {
    for (let i = 0; i < indicatorIds.length; i++) {
      for (let q = 0; q < partnerIds.length; q++) {
        if (n++ >= rows) break outer
        lines.push(`${indicatorIds[i]},${periods[p]},${partnerIds[q]},${100 + p * 2 + ((i + q) % 5)},bench`)
      }
    }
  }
  return `${lines.join('\n')}\n`
}

/** Splits `items` into batches of at most `maxItems` whose JSON (`{ decisions: [...] }`) stays under `maxBytes`. */
export function byteBatches<T>(items: readonly T[], maxItems: number, maxBytes: number): T[][] {
  const batches: T[][] = []
  let current: T[] = []
  let bytes = '{"decisions":[]}'.length
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1
    if (current.length > 0 && (current.length >= maxItems || bytes + size > maxBytes)) {
      batches.push(current)
      current = []
      bytes = '{"decisions":[]}'.length
    }
    current.push(item)
    bytes += size
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/**
 * The text an indicator's name field holds after keystroke `k` (k ≥ 1): one more letter each time,
 * starting over after 60 so names stay short; never a trailing space (the deriver trims names).
 */
export function typedName(base: string, k: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  let typed = ''
  for (let i = 0; i < ((k - 1) % 60) + 1; i++) typed += letters[i % letters.length]
  return `${base} ${typed}`
}

const MAP_WORDS = [
  'reading',
  'clubs',
  'parents',
  'health',
  'visits',
  'jobs',
  'training',
  'mentoring',
  'library',
  'sports',
  'nutrition',
  'housing',
  'transport',
  'youth',
  'seniors',
  'digital',
  'music',
  'science',
  'tutoring',
  'families',
  'teachers',
  'volunteers',
  'summer',
  'evening',
  'community',
  'garden',
  'kitchen',
  'coding',
  'theatre',
  'language',
  'counselling',
  'screening',
  'nurses',
  'careers',
  'internships',
  'scholarships',
]
const syllables = (k: number) => [0, 1, 2].map((d) => 'bcdfghklmnprstvz'[Math.floor(k / 16 ** d) % 16]! + 'aeiou'[(k + d) % 5]!).join('')

export interface MapActivitySpec {
  id: string
  fields: {
    title: string
    description: string
    leadPartnerId: string
    contributors: Record<string, 'responsible' | 'consulted'>
    goalIds: Record<string, true>
    indicators: Record<string, 'increase'>
    status: 'active' | 'planned'
  }
}

/** `n` activities over the partners, goals and indicators: 1–2 goals, 0–2 indicators, 0–2 contributors each; titles from a small vocabulary plus a made-up word, so a few read alike. */
export function mapActivities(n: number, partnerIds: readonly string[], goalIds: readonly string[], indicatorIds: readonly string[]): MapActivitySpec[] {
  return Array.from({ length: n }, (_, i) => {
    const w = (k: number) => MAP_WORDS[(i * k + k) % MAP_WORDS.length]!
    const goals: Record<string, true> = { [goalIds[i % goalIds.length]!]: true }
    if (i % 3 === 0) goals[goalIds[(i * 7 + 1) % goalIds.length]!] = true
    const indicators: Record<string, 'increase'> = {}
    for (let k = 0; k < i % 3; k++) indicators[indicatorIds[(i + k * 11) % indicatorIds.length]!] = 'increase'
    const contributors: Record<string, 'responsible' | 'consulted'> = {}
    for (let k = 1; k <= i % 3; k++) contributors[partnerIds[(i + k) % partnerIds.length]!] = k === 1 ? 'responsible' : 'consulted'
    return {
      id: `a-b${String(i).padStart(6, '0')}`,
      fields: {
        title: `${w(1)} ${w(5)} ${syllables(i)}`,
        description: `${w(3)} and ${w(7)} for ${w(11)} in ${syllables(i * 31 + 7)} with ${syllables(i * 17 + 3)} ${w(13)}`,
        leadPartnerId: partnerIds[i % partnerIds.length]!,
        contributors,
        goalIds: goals,
        indicators,
        status: i % 4 === 0 ? 'planned' : 'active',
      },
    }
  })
}

/** `n` relations between the activities (never an activity with itself). */
export function mapRelations(n: number, activityIds: readonly string[]): { id: string; from: string; to: string; type: 'reinforces' | 'dependsOn' }[] {
  const m = activityIds.length
  return Array.from({ length: n }, (_, i) => {
    const from = i % m
    const to = (from + 1 + ((i * 13) % (m - 1))) % m
    return { id: `r-b${String(i).padStart(6, '0')}`, from: activityIds[from]!, to: activityIds[to]!, type: i % 3 === 0 ? 'dependsOn' : 'reinforces' }
  })
}
