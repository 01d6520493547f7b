// IconButton: a square button whose accessible name (and tooltip) is `label`; toggles use `pressed`.
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  label: string
  icon: ReactNode
  pressed?: boolean
  ref?: Ref<HTMLButtonElement>
}

export function IconButton({ label, icon, pressed, className, type = 'button', ...rest }: IconButtonProps) {
  return (
    <button type={type} className={['icon-btn', className].filter(Boolean).join(' ')} aria-label={label} title={label} aria-pressed={pressed} {...rest}>
      <span aria-hidden="true" className="icon-btn__icon">
        {icon}
      </span>
    </button>
  )
}
