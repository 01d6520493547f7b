// EmptyState: what a screen shows when there is nothing yet, with an optional next step.
import type { ReactNode } from 'react'

export interface EmptyStateProps {
  title: string
  description?: ReactNode
  icon?: ReactNode
  action?: ReactNode
}

export function EmptyState({ title, description, icon, action }: EmptyStateProps) {
  return (
    <div className="state state--empty">
      {icon && (
        <div className="state__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <p className="state__title">{title}</p>
      {description && <p className="state__description">{description}</p>}
      {action && <div className="state__action">{action}</div>}
    </div>
  )
}
