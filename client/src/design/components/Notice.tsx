// Notice: an inline message inside a form or section — an error (announced assertively),
// a success or an information (announced politely).
import type { ReactNode } from 'react'

export interface NoticeProps {
  tone: 'error' | 'success' | 'info'
  children: ReactNode
  className?: string
}

export function Notice({ tone, children, className }: NoticeProps) {
  return (
    <div className={['notice', `notice--${tone}`, className].filter(Boolean).join(' ')} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  )
}
