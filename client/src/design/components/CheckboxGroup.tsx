// CheckboxGroup: a fieldset of checkboxes with a legend, for choosing several values.
export interface CheckboxGroupProps<V extends string> {
  legend: string
  options: { value: V; label: string; lang?: string }[]
  value: readonly V[]
  onChange: (value: V[]) => void
  error?: string | null
  name: string
}

export function CheckboxGroup<V extends string>({ legend, options, value, onChange, error, name }: CheckboxGroupProps<V>) {
  return (
    <fieldset className={['choices', error ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
      <legend className="field__label">{legend}</legend>
      <div className="choices__list">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              checked={value.includes(option.value)}
              onChange={(event) => onChange(event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value))}
            />
            <span lang={option.lang}>{option.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  )
}
