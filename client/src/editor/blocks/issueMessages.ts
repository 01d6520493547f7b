// The domain's validation issues ({ field: 'targets.1.value', code: 'not_a_number' }) as the
// i18n keys and values of the message shown on the block: the field's label (with the row
// number for list fields) and the problem. The rules themselves are the domain's checks.
import type { ValidationIssue } from '@common-ground/domain'

export type BlockKind = 'goal' | 'indicator' | 'glossaryTerm'

export interface IssueMessage {
  /** The field label's key under `agenda.fields.`; `n` is the 1-based row of a list field. */
  fieldKey: string
  n: number | null
  /** The problem's key under `agenda.issues.`. */
  codeKey: ValidationIssue['code']
}

/** The label key of each field path (numbers removed): `targets.value` is a target's value. */
const FIELD_KEYS: Record<string, string> = {
  id: 'id',
  statement: 'statement',
  population: 'population',
  order: 'order',
  term: 'term',
  name: 'name',
  definition: 'definition',
  valueType: 'valueType',
  unit: 'unit',
  rateBase: 'rateBase',
  polarity: 'polarity',
  'baseline.value': 'baselineValue',
  'baseline.period': 'baselinePeriod',
  targets: 'targets',
  'targets.value': 'targetValue',
  'targets.upper': 'targetUpper',
  'targets.period': 'targetPeriod',
  frequency: 'frequency',
  dataSource: 'dataSource',
  ownerPartnerId: 'ownerPartnerId',
  disaggregations: 'disaggregations',
  'disaggregations.dimension': 'dimension',
  'disaggregations.categories': 'categories',
  minChange: 'minChange',
  goalId: 'goalId',
}

export const FIELD_LABEL_KEYS = [...new Set(Object.values(FIELD_KEYS))]

export function issueMessage(issue: ValidationIssue): IssueMessage {
  const parts = issue.field.split('.')
  const index = parts.find((p) => /^\d+$/.test(p))
  const path = parts.filter((p) => !/^\d+$/.test(p)).join('.')
  return { fieldKey: FIELD_KEYS[path] ?? 'other', n: index === undefined ? null : Number(index) + 1, codeKey: issue.code }
}

/** Whether an issue is about `field` (a path prefix: `targets.0` matches `targets.0.value`). */
export function issueIsFor(issue: ValidationIssue, field: string): boolean {
  return issue.field === field || issue.field.startsWith(field + '.')
}

/** The DOM id of a field's message list, for aria-describedby. */
export function issueElementId(blockKey: string, field: string): string {
  return `issue-${blockKey}-${field.replace(/[^a-zA-Z0-9]/g, '-')}`
}
