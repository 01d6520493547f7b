// An indicator's definition as people write it (raw attributes of an indicator block in the
// agenda: strings from forms, maybe half-typed) and as the read model keeps it (normalised, with
// its validation issues). One implementation for both sides: the client shows the issues on the
// block, the server stores them on the record — an invalid block is a record with issues, never
// dropped.
import { parsePeriod, type Period } from './periods.ts'

export const VALUE_TYPES = ['count', 'percent', 'rate', 'decimal', 'currency', 'boolean'] as const
export type ValueType = (typeof VALUE_TYPES)[number]

export const POLARITIES = ['higher_is_better', 'lower_is_better', 'target_range'] as const
export type Polarity = (typeof POLARITIES)[number]

export const FREQUENCIES = ['monthly', 'quarterly', 'yearly', 'school_year'] as const
export type Frequency = (typeof FREQUENCIES)[number]

/** Values that can be added up across partners and categories (a total is their sum). */
export const ADDITIVE_VALUE_TYPES: readonly ValueType[] = ['count', 'currency']

export const INDICATOR_LIMITS = { name: 200, text: 2000, unit: 40, dimensions: 6, categories: 30, targets: 12 } as const

export interface Target {
  period: string
  /** The target value; for a target range, its lower bound. */
  value: number
  /** For a target range: the upper bound. */
  upper?: number
}

export interface Disaggregation {
  /** e.g. `gender`, `age band`, `neighbourhood`. */
  dimension: string
  categories: string[]
}

export interface IndicatorDefinition {
  id: string
  goalId: string | null
  name: string
  definition: string
  valueType: ValueType
  unit: string
  /** For rates: per how many (e.g. 1000). */
  rateBase: number | null
  polarity: Polarity
  baseline: { value: number; period: string } | null
  targets: Target[]
  frequency: Frequency
  dataSource: string
  ownerPartnerId: string | null
  disaggregations: Disaggregation[]
  /** The smallest change that counts as a change (trend); null: any change. */
  minChange: number | null
}

/** One problem with one field: `field` is a path such as `targets.1.value`. */
export interface ValidationIssue {
  field: string
  code:
    | 'required'
    | 'too_long'
    | 'not_a_number'
    | 'invalid_choice'
    | 'invalid_period'
    | 'not_a_partner'
    | 'out_of_range'
    | 'duplicate'
    | 'range_inverted'
    | 'too_many'
    | 'before_baseline'
    | 'unknown_goal'
}

export interface ValidationContext {
  /** The initiative's partners; an owner must be one of them. */
  partnerIds: readonly string[]
}

export interface CheckedIndicator {
  /** Every field in its normalised form; a field that failed holds its default. */
  definition: IndicatorDefinition
  issues: ValidationIssue[]
}

/** A number from a form: a number, or a string such as `12.5`, `1,200` or ` 3 `. */
export function readNumber(value: unknown): number | null | 'invalid' {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid'
  if (typeof value !== 'string') return 'invalid'
  const s = value.trim().replace(/(\d),(?=\d{3}\b)/g, '$1')
  if (s === '') return null
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return 'invalid'
  return Number(s)
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''
}

function choice<T extends string>(value: unknown, options: readonly T[], fallback: T, field: string, issues: ValidationIssue[]): T {
  if (value === undefined || value === null || value === '') return fallback
  if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T
  issues.push({ field, code: 'invalid_choice' })
  return fallback
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/** Checks the raw attributes of an indicator block; never throws. */
export function checkIndicator(raw: Record<string, unknown>, context: ValidationContext): CheckedIndicator {
  const issues: ValidationIssue[] = []
  const limited = (field: string, value: string, max: number) => {
    if (value.length > max) issues.push({ field, code: 'too_long' })
    return value.slice(0, max)
  }
  const num = (field: string, value: unknown, required: boolean): number | null => {
    const n = readNumber(value)
    if (n === 'invalid') issues.push({ field, code: 'not_a_number' })
    else if (n === null && required) issues.push({ field, code: 'required' })
    return typeof n === 'number' ? n : null
  }
  const period = (field: string, value: unknown): Period | null => {
    if (text(value) === '') {
      issues.push({ field, code: 'required' })
      return null
    }
    const p = parsePeriod(value)
    if (!p) issues.push({ field, code: 'invalid_period' })
    return p
  }

  const id = text(raw.id)
  if (id === '') issues.push({ field: 'id', code: 'required' })
  const name = limited('name', text(raw.name), INDICATOR_LIMITS.name)
  if (name === '') issues.push({ field: 'name', code: 'required' })
  const valueType = choice(raw.valueType, VALUE_TYPES, 'count', 'valueType', issues)
  const polarity = choice(raw.polarity, POLARITIES, 'higher_is_better', 'polarity', issues)
  const frequency = choice(raw.frequency, FREQUENCIES, 'yearly', 'frequency', issues)

  const inRange = (field: string, value: number | null) => {
    if (value === null) return value
    if (valueType === 'percent' && (value < 0 || value > 100)) issues.push({ field, code: 'out_of_range' })
    if (valueType === 'boolean' && value !== 0 && value !== 1) issues.push({ field, code: 'out_of_range' })
    return value
  }

  let rateBase: number | null = null
  if (valueType === 'rate') {
    rateBase = num('rateBase', raw.rateBase, true)
    if (rateBase !== null && rateBase <= 0) issues.push({ field: 'rateBase', code: 'out_of_range' })
  }

  let baseline: IndicatorDefinition['baseline'] = null
  const rawBaseline = record(raw.baseline)
  let baselinePeriod: Period | null = null
  if (readNumber(rawBaseline.value) !== null || text(rawBaseline.period) !== '') {
    const value = inRange('baseline.value', num('baseline.value', rawBaseline.value, true))
    baselinePeriod = period('baseline.period', rawBaseline.period)
    if (value !== null && baselinePeriod) baseline = { value, period: baselinePeriod.id }
  }

  const targets: Target[] = []
  const rawTargets = array(raw.targets)
  if (rawTargets.length > INDICATOR_LIMITS.targets) issues.push({ field: 'targets', code: 'too_many' })
  const seen = new Set<string>()
  rawTargets.slice(0, INDICATOR_LIMITS.targets).forEach((item, i) => {
    const t = record(item)
    const value = inRange(`targets.${i}.value`, num(`targets.${i}.value`, t.value, true))
    const p = period(`targets.${i}.period`, t.period)
    let upper: number | undefined
    if (polarity === 'target_range') {
      upper = inRange(`targets.${i}.upper`, num(`targets.${i}.upper`, t.upper, true)) ?? undefined
      if (value !== null && upper !== undefined && upper < value) issues.push({ field: `targets.${i}.upper`, code: 'range_inverted' })
    }
    if (p && seen.has(p.id)) issues.push({ field: `targets.${i}.period`, code: 'duplicate' })
    if (p && baselinePeriod && p.end <= baselinePeriod.end) issues.push({ field: `targets.${i}.period`, code: 'before_baseline' })
    if (p) seen.add(p.id)
    if (value !== null && p && (polarity !== 'target_range' || upper !== undefined))
      targets.push({ period: p.id, value, ...(upper !== undefined ? { upper } : {}) })
  })
  targets.sort((a, b) => parsePeriod(a.period)!.end - parsePeriod(b.period)!.end)

  const ownerText = text(raw.ownerPartnerId)
  let ownerPartnerId: string | null = null
  if (ownerText !== '') {
    if (context.partnerIds.includes(ownerText)) ownerPartnerId = ownerText
    else issues.push({ field: 'ownerPartnerId', code: 'not_a_partner' })
  }

  const disaggregations: Disaggregation[] = []
  const rawDims = array(raw.disaggregations)
  if (rawDims.length > INDICATOR_LIMITS.dimensions) issues.push({ field: 'disaggregations', code: 'too_many' })
  const dimensionNames = new Set<string>()
  rawDims.slice(0, INDICATOR_LIMITS.dimensions).forEach((item, i) => {
    const d = record(item)
    const dimension = limited(`disaggregations.${i}.dimension`, text(d.dimension), INDICATOR_LIMITS.unit)
    if (dimension === '') return issues.push({ field: `disaggregations.${i}.dimension`, code: 'required' })
    if (dimensionNames.has(dimension)) return issues.push({ field: `disaggregations.${i}.dimension`, code: 'duplicate' })
    dimensionNames.add(dimension)
    const categories = [
      ...new Set(
        array(d.categories)
          .map(text)
          .filter((c) => c !== ''),
      ),
    ]
    if (categories.length > INDICATOR_LIMITS.categories) issues.push({ field: `disaggregations.${i}.categories`, code: 'too_many' })
    disaggregations.push({ dimension, categories: categories.slice(0, INDICATOR_LIMITS.categories) })
  })

  const minChange = num('minChange', raw.minChange, false)
  if (minChange !== null && minChange < 0) issues.push({ field: 'minChange', code: 'out_of_range' })

  return {
    definition: {
      id,
      goalId: text(raw.goalId) || null,
      name,
      definition: limited('definition', text(raw.definition), INDICATOR_LIMITS.text),
      valueType,
      unit: limited('unit', text(raw.unit), INDICATOR_LIMITS.unit),
      rateBase,
      polarity,
      baseline,
      targets,
      frequency,
      dataSource: limited('dataSource', text(raw.dataSource), INDICATOR_LIMITS.text),
      ownerPartnerId,
      disaggregations,
      minChange: minChange !== null && minChange >= 0 ? minChange : null,
    },
    issues,
  }
}

/** The fields whose change makes a new definition version (a measurement keeps the version it was reported against). */
export const VERSIONED_FIELDS = [
  'name',
  'definition',
  'valueType',
  'unit',
  'rateBase',
  'polarity',
  'baseline',
  'targets',
  'frequency',
  'disaggregations',
  'minChange',
] as const

/** Which versioned fields differ between two definitions (empty: same version). */
export function definitionChanges(before: IndicatorDefinition, after: IndicatorDefinition): (typeof VERSIONED_FIELDS)[number][] {
  return VERSIONED_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
}
