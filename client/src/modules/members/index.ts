// The members module: who takes part with which role, and (backbone) the invitations.
import type { ClientModule } from '../types.ts'
import { MembersSection } from './MembersSection.tsx'

export const membersModule: ClientModule = {
  name: 'members',
  sections: [{ id: 'members', labelKey: 'sections.members', action: 'member.read', Component: MembersSection }],
}
