// The issue → message mapping: every issue the domain's checks produce has a field label and a
// problem in English, Hebrew and Arabic, with the row number of list fields.
import { describe, expect, it } from 'vitest'
import { AGENDA_ISSUE_CODES, checkGlossaryTerm, checkGoal, checkIndicatorBlock, type ValidationIssue } from '@common-ground/domain'
import en from '../../i18n/areas/agenda.en.json'
import he from '../../i18n/areas/agenda.he.json'
import ar from '../../i18n/areas/agenda.ar.json'
import { FIELD_LABEL_KEYS, issueIsFor, issueMessage } from './issueMessages.ts'

const STRINGS = { en, he, ar }

describe('issueMessage', () => {
  it('maps a list field to its label and 1-based row', () => {
    expect(issueMessage({ field: 'targets.1.value', code: 'not_a_number' })).toEqual({ fieldKey: 'targetValue', n: 2, codeKey: 'not_a_number' })
    expect(issueMessage({ field: 'disaggregations.0.categories', code: 'too_many' })).toEqual({ fieldKey: 'categories', n: 1, codeKey: 'too_many' })
    expect(issueMessage({ field: 'baseline.period', code: 'invalid_period' })).toEqual({ fieldKey: 'baselinePeriod', n: null, codeKey: 'invalid_period' })
    expect(issueMessage({ field: 'ownerPartnerId', code: 'not_a_partner' }).fieldKey).toBe('ownerPartnerId')
  })

  it('labels every field the shared checks report (nothing falls back to "other")', () => {
    const issues: ValidationIssue[] = [
      ...checkGoal({ statement: 'x'.repeat(501), population: 'y'.repeat(201), order: 'first' }).issues,
      ...checkGlossaryTerm({ term: '', definition: '' }).issues,
      ...checkIndicatorBlock(
        {
          valueType: 'rate',
          rateBase: 'many',
          polarity: 'target_range',
          frequency: 'sometimes',
          unit: 'u'.repeat(41),
          baseline: { value: 'x', period: 'soon' },
          targets: [
            { period: '2020', value: 'lots', upper: 1 },
            { period: '2020', value: 5, upper: 2 },
          ],
          ownerPartnerId: 'nobody',
          disaggregations: [{ dimension: '' }, { dimension: 'gender', categories: Array.from({ length: 31 }, (_, i) => `c${i}`) }],
          minChange: -1,
        },
        { partnerIds: ['municipality'] },
      ).issues,
    ]
    expect(issues.length).toBeGreaterThan(12)
    for (const issue of issues) expect(issueMessage(issue).fieldKey, issue.field).not.toBe('other')
  })

  it.each(['en', 'he', 'ar'] as const)('has every label and problem in %s', (language) => {
    const strings = STRINGS[language]
    for (const key of [...FIELD_LABEL_KEYS, 'other']) expect(strings.fields[key as keyof typeof strings.fields], key).toBeTruthy()
    for (const code of AGENDA_ISSUE_CODES) expect(strings.issues[code], code).toBeTruthy()
  })

  it('tells which issues belong to an input', () => {
    expect(issueIsFor({ field: 'targets.0.value', code: 'required' }, 'targets.0.value')).toBe(true)
    expect(issueIsFor({ field: 'targets.0.value', code: 'required' }, 'targets.0')).toBe(true)
    expect(issueIsFor({ field: 'targets.10.value', code: 'required' }, 'targets.1')).toBe(false)
  })
})
