// The settings module: the initiative's details and the publication of its agenda (backbone staff).
import type { ClientModule } from '../types.ts'
import { SettingsSection } from './SettingsSection.tsx'

export const settingsModule: ClientModule = {
  name: 'settings',
  sections: [{ id: 'settings', labelKey: 'sections.settings', action: 'initiative.update', Component: SettingsSection }],
}
