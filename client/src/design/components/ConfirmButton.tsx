// ConfirmButton: a destructive action that asks for confirmation in place (no browser dialog):
// the first press shows "Confirm" and "Cancel" buttons next to it.
import { useEffect, useRef, useState } from 'react'
import { Button } from './Button.tsx'

export interface ConfirmButtonProps {
  label: string
  confirmLabel: string
  cancelLabel: string
  /** Said before the confirm buttons, e.g. "Remove Dana?" */
  question: string
  onConfirm: () => void | Promise<void>
  disabled?: boolean
  size?: 'sm' | 'md'
  /** Visually hidden words after the label that say what it acts on (e.g. a name). */
  target?: string
}

export function ConfirmButton({ label, confirmLabel, cancelLabel, question, onConfirm, disabled, size = 'sm', target }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])
  const wasAsking = useRef(false)
  useEffect(() => {
    // Focus follows the question: onto "Confirm", and back to the button after "Cancel".
    if (asking) confirmRef.current?.focus()
    else if (wasAsking.current) triggerRef.current?.focus()
    wasAsking.current = asking
  }, [asking])

  if (!asking) {
    return (
      <Button ref={triggerRef} size={size} variant="danger" disabled={disabled} onClick={() => setAsking(true)} data-action="confirm-start">
        {label}
        {target && <span className="sr-only"> – {target}</span>}
      </Button>
    )
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm__question">{question}</span>
      <Button
        ref={confirmRef}
        size={size}
        variant="danger-solid"
        disabled={busy}
        data-action="confirm"
        onClick={async () => {
          setBusy(true)
          try {
            await onConfirm()
          } finally {
            if (mounted.current) {
              setBusy(false)
              setAsking(false)
            }
          }
        }}
      >
        {confirmLabel}
      </Button>
      <Button size={size} variant="ghost" disabled={busy} onClick={() => setAsking(false)}>
        {cancelLabel}
      </Button>
    </span>
  )
}
