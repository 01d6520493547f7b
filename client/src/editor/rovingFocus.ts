// Keyboard handling for a toolbar (WAI-ARIA pattern): one tab stop, arrows move between
// buttons (mirrored in right-to-left), Home/End jump to the ends.
import type { KeyboardEvent } from 'react'

/** The index to move to for this key, or null if the key is not a toolbar key. */
export function nextToolbarIndex(event: KeyboardEvent<HTMLElement>, index: number, count: number): number | null {
  const rtl = getComputedStyle(event.currentTarget).direction === 'rtl'
  let next: number
  switch (event.key) {
    case 'ArrowRight':
      next = rtl ? index - 1 : index + 1
      break
    case 'ArrowLeft':
      next = rtl ? index + 1 : index - 1
      break
    case 'Home':
      next = 0
      break
    case 'End':
      next = count - 1
      break
    default:
      return null
  }
  return (next + count) % count
}
