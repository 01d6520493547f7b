// TextAreaField: a labelled multi-line text input with optional hint and error.
import type { TextareaHTMLAttributes } from 'react'
import { Field, type FieldChrome } from './Field.tsx'
import { useFieldDirection } from '../fieldDirection.ts'

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>, Omit<FieldChrome, 'hideLabel'> {}

export function TextAreaField({ label, hint, error, className, rows = 3, ...rest }: TextAreaFieldProps) {
  const direction = useFieldDirection(rest)
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => <textarea {...control} rows={rows} className="field__input field__textarea" {...rest} {...direction} />}
    </Field>
  )
}
