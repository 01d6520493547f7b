// Toolbar icons: small stroke SVGs sized to the text (decorative; buttons carry the names).
import type { ReactNode } from 'react'

/** `mirror`: flip in right-to-left (arrows, lists); letters keep their shape. */
function Svg({ children, mirror = false }: { children: ReactNode; mirror?: boolean }) {
  return (
    <svg
      className={mirror ? 'toolbar-icon toolbar-icon--mirror' : 'toolbar-icon'}
      viewBox="0 0 20 20"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  )
}

export const BoldIcon = () => (
  <Svg>
    <path d="M6 4h5a3 3 0 0 1 0 6H6zM6 10h6a3 3 0 0 1 0 6H6z" strokeWidth="2" />
  </Svg>
)

export const ItalicIcon = () => (
  <Svg>
    <path d="M12 4H8.5M11.5 16H8M11 4 9 16" />
  </Svg>
)

export const BulletListIcon = () => (
  <Svg mirror>
    <path d="M8 5.5h8M8 10h8M8 14.5h8" />
    <circle cx="4.2" cy="5.5" r="0.9" fill="currentColor" />
    <circle cx="4.2" cy="10" r="0.9" fill="currentColor" />
    <circle cx="4.2" cy="14.5" r="0.9" fill="currentColor" />
  </Svg>
)

export const OrderedListIcon = () => (
  <Svg mirror>
    <path d="M8.5 5.5h7.5M8.5 10h7.5M8.5 14.5h7.5" />
    <path d="M3.5 4.2 4.6 3.6v4M3.4 12.6c.3-.6 1.9-.8 2 .2.1.8-2 1.6-2 2.6h2.1" strokeWidth="1.3" />
  </Svg>
)

export const QuoteIcon = () => (
  <Svg mirror>
    <path d="M4 5v10M8 6h8M8 10h8M8 14h5" />
  </Svg>
)

// "H" with a small level digit, drawn (not text) so the button's name is its aria-label alone.
const DIGITS = {
  1: 'M13.6 11.4 15.4 10v6.5',
  2: 'M13.4 11.3c.3-1 2.6-1.3 2.8.2.2 1.3-2.8 2.9-2.8 5h3',
  3: 'M13.5 10.6c.6-.9 2.8-.9 2.8.6 0 1-1 1.3-1.8 1.3.9 0 2 .4 2 1.6 0 1.7-2.6 1.9-3.2.8',
} as const

export function HeadingIcon({ level }: { level: 1 | 2 | 3 }) {
  return (
    <svg
      className="toolbar-icon"
      viewBox="0 0 20 20"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M3.5 4.5v11M10 4.5v11M3.5 10H10" />
      <path d={DIGITS[level]} strokeWidth="1.5" />
    </svg>
  )
}

export const UndoIcon = () => (
  <Svg mirror>
    <path d="M7.5 5 4 8.5 7.5 12" />
    <path d="M4.5 8.5H12a4 4 0 0 1 0 8H9" />
  </Svg>
)

export const RedoIcon = () => (
  <Svg mirror>
    <path d="M12.5 5 16 8.5 12.5 12" />
    <path d="M15.5 8.5H8a4 4 0 0 0 0 8h3" />
  </Svg>
)
