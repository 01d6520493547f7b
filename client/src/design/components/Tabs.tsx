// TabNav: a row of navigation links for the sections of one place (a nav landmark, the
// current one marked with aria-current="page"). Links, not ARIA tabs: each is its own URL.
import type { ReactNode } from 'react'

export interface TabNavItem {
  id: string
  label: string
  href: string
  current: boolean
}

export function TabNav({ label, items, renderLink }: { label: string; items: TabNavItem[]; renderLink: (item: TabNavItem, className: string) => ReactNode }) {
  return (
    <nav className="tab-nav" aria-label={label}>
      <ul className="tab-nav__list">
        {items.map((item) => (
          <li key={item.id} className="tab-nav__item">
            {renderLink(item, 'tab-nav__link')}
          </li>
        ))}
      </ul>
    </nav>
  )
}
