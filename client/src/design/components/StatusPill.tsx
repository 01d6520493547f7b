// StatusPill (badge): a small rounded label with a coloured dot, for states like "Connected".
import type { HTMLAttributes, ReactNode } from 'react'

export type Tone = 'success' | 'warning' | 'danger' | 'neutral' | 'accent'

export interface StatusPillProps extends HTMLAttributes<HTMLSpanElement> {
  tone: Tone
  children: ReactNode
  pulse?: boolean
}

export function StatusPill({ tone, children, pulse, className, ...rest }: StatusPillProps) {
  return (
    <span className={['pill', `pill--${tone}`, className].filter(Boolean).join(' ')} {...rest}>
      <span className={pulse ? 'pill__dot pill__dot--pulse' : 'pill__dot'} aria-hidden="true" />
      {children}
    </span>
  )
}
