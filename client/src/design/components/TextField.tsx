// TextField: a labelled text input with optional hint and error, wired up with aria-describedby.
import type { InputHTMLAttributes } from 'react'
import { Field, type FieldChrome } from './Field.tsx'
import { useFieldDirection } from '../fieldDirection.ts'

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>, FieldChrome {}

export function TextField({ label, hint, error, hideLabel, className, ...rest }: TextFieldProps) {
  const direction = useFieldDirection(rest)
  return (
    <Field label={label} hint={hint} error={error} hideLabel={hideLabel} className={className}>
      {(control) => <input {...control} className="field__input" {...rest} {...direction} />}
    </Field>
  )
}
