// Avatar: a coloured circle with a person's initials; decorative unless `label` is given.
import { initials } from '../initials.ts'

export interface AvatarProps {
  name: string
  color: string
  size?: 'sm' | 'md'
  label?: string
  ring?: boolean
}

export function Avatar({ name, color, size = 'md', label, ring }: AvatarProps) {
  return (
    <span
      className={['avatar', `avatar--${size}`, ring ? 'avatar--ring' : ''].filter(Boolean).join(' ')}
      style={{ backgroundColor: color }}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      {initials(name)}
    </span>
  )
}
