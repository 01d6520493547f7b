// The client module contract: what a feature folder under client/src/modules/ gives the app.
// Only types; the section components import it, and nothing here imports them back.
import type { ComponentType } from 'react'
import type { Action } from '@common-ground/domain'
import type { Initiative } from '../api/types.ts'
import type { InitiativeSection } from './sections.ts'

/** What every initiative section gets from the initiative screen. */
export interface SectionProps {
  initiative: Initiative
  /** Replaces the initiative after a change (settings, publication). */
  onInitiativeChange: (initiative: Initiative) => void
}

/** A section's item page (`/i/<id>/<section>/<itemId>`), e.g. one partner. */
export interface SectionItemProps extends SectionProps {
  itemId: string
}

/** One tab of the initiative screen. */
export interface ModuleSection {
  /** The URL segment (modules/sections.ts lists them, in tab order). */
  id: InitiativeSection
  /** The i18n key of the tab and the page title. */
  labelKey: string
  /** The domain action a role needs to see the tab and open the section. */
  action: Action
  Component: ComponentType<SectionProps>
  /** The item page, for a section whose route has items. */
  Item?: ComponentType<SectionItemProps>
}

export interface ClientModule {
  /** The folder name. */
  name: string
  sections: readonly ModuleSection[]
}
