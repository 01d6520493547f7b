// The agenda's structured blocks for the editor: the three nodes and the glossary highlighting
// (registered by CollaborativeEditor), the settings provider and the Insert menu.
import { GlossaryHighlight } from './glossaryHighlight.ts'
import { GlossaryTermBlock, GoalBlock, IndicatorBlock } from './nodes.ts'
import './blocks.css'

export const agendaBlockExtensions = [GoalBlock, IndicatorBlock, GlossaryTermBlock, GlossaryHighlight]
export { AgendaBlocksProvider, BlockEditingProvider, useAgendaBlocks, type AgendaPartner } from './AgendaBlocksContext.tsx'
export { InsertMenu } from './InsertMenu.tsx'
