// The client module registry: the one list of feature modules. The initiative screen builds its
// tabs and picks its section from it; the sections' URL segments and order are in sections.ts.
import { roleMay } from '@common-ground/domain'
import type { Initiative } from '../api/types.ts'
import { auditModule } from './audit/index.ts'
import { historyModule } from './history/index.ts'
import { homeModule } from './home/index.ts'
import { measurementModule } from './measurement/index.ts'
import { membersModule } from './members/index.ts'
import { partnersModule } from './partners/index.ts'
import { reportCardModule } from './reportcard/index.ts'
import { SECTION_ROUTES, type InitiativeSection } from './sections.ts'
import { settingsModule } from './settings/index.ts'
import type { ClientModule, ModuleSection } from './types.ts'

export type { ClientModule, ModuleSection, SectionItemProps, SectionProps } from './types.ts'

export const MODULES: readonly ClientModule[] = [
  homeModule,
  historyModule,
  partnersModule,
  measurementModule,
  reportCardModule,
  membersModule,
  auditModule,
  settingsModule,
]

/** Every module's sections, in the tab order of SECTION_ROUTES. */
export const SECTIONS: readonly ModuleSection[] = SECTION_ROUTES.flatMap((route) => MODULES.flatMap((m) => m.sections).filter((s) => s.id === route.id))

export function findSection(id: InitiativeSection): ModuleSection | undefined {
  return SECTIONS.find((section) => section.id === id)
}

/** Which sections a role may open; the tabs show only these. */
export function sectionAllowed(initiative: Pick<Initiative, 'role'>, section: ModuleSection): boolean {
  return roleMay(initiative.role, section.action)
}
