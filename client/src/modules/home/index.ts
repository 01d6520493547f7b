// The home module: the initiative's front page (its live common agenda, partner and member summaries).
import type { ClientModule } from '../types.ts'
import { InitiativeHome } from './InitiativeHome.tsx'

export const homeModule: ClientModule = {
  name: 'home',
  sections: [{ id: 'home', labelKey: 'sections.home', action: 'initiative.read', Component: InitiativeHome }],
}
