// CopyField: a read-only value (a link, a secret) with a Copy button that confirms politely.
import { useId, useState } from 'react'
import { Button } from './Button.tsx'

export interface CopyFieldProps {
  label: string
  value: string
  copyLabel: string
  copiedLabel: string
  hint?: string
}

export function CopyField({ label, value, copyLabel, copiedLabel, hint }: CopyFieldProps) {
  const id = useId()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
    } catch {
      // No clipboard permission: select the text so the person can copy it themselves.
      const input = document.getElementById(id) as HTMLInputElement | null
      input?.select()
    }
    setCopied(true)
    setTimeout(() => setCopied(false), 2500)
  }
  return (
    <div className="field copy-field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="copy-field__row">
        <input
          id={id}
          className="field__input copy-field__input"
          value={value}
          readOnly
          dir="ltr"
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(event) => event.target.select()}
        />
        <Button onClick={() => void copy()}>{copyLabel}</Button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <span className="sr-only" role="status">
        {copied ? copiedLabel : ''}
      </span>
      {copied && (
        <span className="copy-field__copied" aria-hidden="true">
          {copiedLabel}
        </span>
      )}
    </div>
  )
}
