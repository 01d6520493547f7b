// Card: a bordered surface, optionally with a heading and a description.
import type { HTMLAttributes, ReactNode } from 'react'

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode
  description?: ReactNode
  headingLevel?: 2 | 3
  as?: 'section' | 'div' | 'li'
}

export function Card({ title, description, headingLevel = 2, as = 'section', className, children, ...rest }: CardProps) {
  const Tag = as
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <Tag className={['card', className].filter(Boolean).join(' ')} {...rest}>
      {(title || description) && (
        <div className="card__header">
          {title && <Heading className="card__title">{title}</Heading>}
          {description && <p className="card__description">{description}</p>}
        </div>
      )}
      {children}
    </Tag>
  )
}
