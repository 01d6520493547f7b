// The partners module: sector coverage, the partner list and each partner's page (/i/<id>/partners/<partnerId>).
import type { ClientModule } from '../types.ts'
import { PartnerScreen } from './PartnerScreen.tsx'
import { PartnersSection } from './PartnersSection.tsx'

export const partnersModule: ClientModule = {
  name: 'partners',
  sections: [{ id: 'partners', labelKey: 'sections.partners', action: 'initiative.read', Component: PartnersSection, Item: PartnerScreen }],
}
