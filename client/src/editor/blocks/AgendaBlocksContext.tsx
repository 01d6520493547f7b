// What the agenda's block forms need from outside the document: the initiative's partners (the
// owner <select>, the "not a partner" check), whether the blocks may be inserted here (only the
// agenda offers the Insert menu), and whether the editor is editable (read-only roles see the
// forms disabled). The initiative home provides the first two, the editor the third; node views
// are React portals inside the editor, so they read both.
import { createContext, useContext, useMemo, type ReactNode } from 'react'

export interface AgendaPartner {
  id: string
  name: string
}

export interface AgendaBlocksSettings {
  /** null while the partners load (or offline): owners are then not checked against them. */
  partners: readonly AgendaPartner[] | null
}

const SettingsContext = createContext<AgendaBlocksSettings | null>(null)
const EditableContext = createContext(true)

export function AgendaBlocksProvider({ partners, children }: { partners: readonly AgendaPartner[] | null; children: ReactNode }) {
  const value = useMemo(() => ({ partners }), [partners])
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>
}

export function BlockEditingProvider({ editable, children }: { editable: boolean; children: ReactNode }) {
  return <EditableContext.Provider value={editable}>{children}</EditableContext.Provider>
}

/** The agenda settings, or null outside an agenda (no Insert menu there). */
export function useAgendaBlocks(): AgendaBlocksSettings | null {
  return useContext(SettingsContext)
}

export function useBlocksEditable(): boolean {
  return useContext(EditableContext)
}

/** The partner ids to check owners against: the loaded list, or (unknown) the owner itself. */
export function partnerIdsFor(settings: AgendaBlocksSettings | null, owner: unknown): string[] {
  if (settings?.partners) return settings.partners.map((p) => p.id)
  return typeof owner === 'string' && owner !== '' ? [owner.trim()] : []
}
