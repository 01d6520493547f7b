// SelectField: a labelled native <select> with optional hint and error.
import type { SelectHTMLAttributes } from 'react'
import { Field, type FieldChrome } from './Field.tsx'

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>, FieldChrome {
  options: { value: string; label: string }[]
}

export function SelectField({ label, options, hint, error, hideLabel, className, ...rest }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} hideLabel={hideLabel} className={className}>
      {(control) => (
        <select {...control} className="field__input field__select" {...rest}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
