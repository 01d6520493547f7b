// The initiative's sections as plain data, in tab order: what the router parses and what the
// module registry (./index.ts) gives a component to. No imports, so both can use it without a cycle.

export interface SectionRoute {
  /** The URL segment after `/i/<initiativeId>/`; the first section (home) has none. */
  readonly id: string
  /** Whether `/i/<initiativeId>/<id>/<itemId>` opens one item of the section (a partner's page). */
  readonly items: boolean
}

export const SECTION_ROUTES = [
  { id: 'home', items: false },
  { id: 'history', items: true },
  { id: 'partners', items: true },
  { id: 'measurement', items: false },
  { id: 'report', items: false },
  { id: 'members', items: false },
  { id: 'audit', items: false },
  { id: 'settings', items: false },
] as const satisfies readonly SectionRoute[]

export type InitiativeSection = (typeof SECTION_ROUTES)[number]['id']

/** The section `/i/<initiativeId>` opens. */
export const HOME_SECTION: InitiativeSection = SECTION_ROUTES[0].id

export function sectionRoute(segment: string): (typeof SECTION_ROUTES)[number] | undefined {
  return SECTION_ROUTES.find((section) => section.id === segment)
}
