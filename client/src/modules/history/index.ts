// The history module: what changed since my last visit (the section) and one document's history
// — its versions, the compare of two, naming and restoring (the section's item pages).
import type { ClientModule } from '../types.ts'
import { ChangesSection } from './ChangesSection.tsx'
import { DocumentHistory } from './DocumentHistory.tsx'

export const historyModule: ClientModule = {
  name: 'history',
  sections: [{ id: 'history', labelKey: 'sections.history', action: 'document.history', Component: ChangesSection, Item: DocumentHistory }],
}
