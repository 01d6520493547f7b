// The pieces every block form is made of: the frame (a non-editable island in the document with
// its kind, a remove button and its validation messages), labelled inputs, selects and the
// conversion of typed numbers to attribute values.
import { useId, type ReactNode } from 'react'
import { NodeViewWrapper } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import type { ValidationIssue } from '@common-ground/domain'
import { fieldDirection, useInterfaceDirection } from '../../design/index.ts'
import { issueIsFor, issueMessage, type BlockKind } from './issueMessages.ts'

/** A typed number as an attribute: '' → null, a plain number → number, anything else stays text (so the check can say "not a number"). */
export function numberAttr(text: string): number | string | null {
  const s = text.trim()
  if (s === '') return null
  const n = Number(s)
  return Number.isFinite(n) && String(n) === s ? n : text
}

export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

export function useIssueText(): (issue: ValidationIssue) => string {
  const { t } = useTranslation()
  return (issue) => {
    const m = issueMessage(issue)
    return t('agenda.issueLine', { field: t(`agenda.fields.${m.fieldKey}`, { n: m.n ?? '' }), problem: t(`agenda.issues.${m.codeKey}`) })
  }
}

interface FrameProps {
  kind: BlockKind
  blockId: string
  issues: ValidationIssue[]
  editable: boolean
  selected: boolean
  onRemove: () => void
  children: ReactNode
}

export function BlockFrame({ kind, blockId, issues, editable, selected, onRemove, children }: FrameProps) {
  const { t } = useTranslation()
  const issueText = useIssueText()
  const issuesId = useId()
  return (
    <NodeViewWrapper
      className={['agenda-block', `agenda-block--${kind}`, selected ? 'agenda-block--selected' : '', issues.length > 0 ? 'agenda-block--invalid' : '']
        .filter(Boolean)
        .join(' ')}
      contentEditable={false}
      data-block-id={blockId}
      data-kind={kind}
      role="group"
      aria-label={t(`agenda.kinds.${kind}`)}
      aria-describedby={issues.length > 0 ? issuesId : undefined}
    >
      <div className="agenda-block__header">
        <span className="agenda-block__kind">{t(`agenda.kinds.${kind}`)}</span>
        {issues.length === 0 && <span className="agenda-block__valid">{t('agenda.valid')}</span>}
        {editable && (
          <button type="button" className="btn btn--ghost btn--sm agenda-block__remove" onClick={onRemove} data-action="remove-block">
            {t('agenda.remove')}
          </button>
        )}
      </div>
      <div className="agenda-block__fields">{children}</div>
      {issues.length > 0 && (
        <div className="agenda-block__issues" id={issuesId}>
          <p className="agenda-block__issues-title">{t('agenda.issuesTitle', { count: issues.length })}</p>
          <ul>
            {issues.map((issue, i) => (
              <li key={`${issue.field}-${issue.code}-${i}`} data-field={issue.field} data-code={issue.code}>
                {issueText(issue)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </NodeViewWrapper>
  )
}

interface InputProps {
  label: string
  field: string
  value: string
  issues: ValidationIssue[]
  disabled: boolean
  onChange: (value: string) => void
  multiline?: boolean
  wide?: boolean
  inputMode?: 'decimal' | 'text' | 'numeric'
  placeholder?: string
}

export function BlockInput({ label, field, value, issues, disabled, onChange, multiline, wide, inputMode, placeholder }: InputProps) {
  const id = useId()
  const invalid = issues.some((issue) => issueIsFor(issue, field))
  const ui = useInterfaceDirection()
  const direction = fieldDirection('auto', value === '', ui)
  const common = {
    id,
    value,
    disabled,
    dir: direction,
    'aria-invalid': invalid || undefined,
    'data-field': field,
    placeholder,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  }
  return (
    <div className={wide || multiline ? 'agenda-field agenda-field--wide' : 'agenda-field'}>
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={2} {...common} /> : <input type="text" inputMode={inputMode} {...common} />}
    </div>
  )
}

interface SelectProps {
  label: string
  field: string
  value: string
  options: { value: string; label: string }[]
  issues: ValidationIssue[]
  disabled: boolean
  onChange: (value: string) => void
  wide?: boolean
}

export function BlockSelect({ label, field, value, options, issues, disabled, onChange, wide }: SelectProps) {
  const id = useId()
  const invalid = issues.some((issue) => issueIsFor(issue, field))
  const known = options.some((o) => o.value === value)
  return (
    <div className={wide ? 'agenda-field agenda-field--wide' : 'agenda-field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} aria-invalid={invalid || undefined} data-field={field} onChange={(e) => onChange(e.target.value)}>
        {!known && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
