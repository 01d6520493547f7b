// Inserting the structured blocks: a goal or a glossary term at the caret, an indicator under a
// chosen goal (at the caret when that goal is the nearest above it, else after the goal's last
// indicator), each with a fresh block id from the domain.
import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { AGENDA_BLOCK_NODES, newBlockId, type AgendaBlockKind } from '@common-ground/domain'

export interface GoalRef {
  id: string
  statement: string
  /** The goal node's position. */
  pos: number
}

/** The goal blocks of a document, in document order. */
export function goalsOf(doc: PMNode): GoalRef[] {
  const goals: GoalRef[] = []
  doc.descendants((node, pos) => {
    if (node.type.name === AGENDA_BLOCK_NODES.goal) goals.push({ id: String(node.attrs.id ?? ''), statement: String(node.attrs.statement ?? ''), pos })
    return !node.isAtom
  })
  return goals
}

/** The id of the last goal before `pos`, or null. */
export function nearestGoalId(doc: PMNode, pos: number): string | null {
  return (
    goalsOf(doc)
      .filter((g) => g.pos < pos)
      .pop()?.id ?? null
  )
}

/** Where a new indicator under `goalId` goes when the caret is not under it: after the goal's last indicator. */
export function indicatorPositionUnder(doc: PMNode, goalId: string): number | null {
  let found = false
  let position: number | null = null
  doc.forEach((node, offset) => {
    if (node.type.name === AGENDA_BLOCK_NODES.goal) {
      if (found) found = false
      if (node.attrs.id === goalId && position === null) {
        found = true
        position = offset + node.nodeSize
      }
    } else if (found && node.type.name === AGENDA_BLOCK_NODES.indicator) position = offset + node.nodeSize
  })
  return position
}

const NODE_OF: Record<AgendaBlockKind, string> = AGENDA_BLOCK_NODES

/** Inserts a block; returns its id. */
export function insertBlock(editor: Editor, kind: AgendaBlockKind, goalId: string | null = null): string {
  const id = newBlockId(kind)
  const { state } = editor
  // After a selected block or selected text, never replacing it.
  const caret = state.selection.to
  let at = caret
  const attrs: Record<string, unknown> = { id }
  if (kind === 'indicator') {
    attrs.goalId = goalId
    if (goalId !== null && nearestGoalId(state.doc, caret) !== goalId) at = indicatorPositionUnder(state.doc, goalId) ?? caret
  }
  editor.chain().insertContentAt(at, { type: NODE_OF[kind], attrs }).run()
  focusBlock(editor, id)
  return id
}

/** Puts the keyboard focus into the first field of a block once its node view has rendered. */
export function focusBlock(editor: Editor, id: string, tries = 20): void {
  const field = editor.view.dom.querySelector<HTMLElement>(`[data-block-id="${id}"] input, [data-block-id="${id}"] textarea`)
  if (field) {
    field.focus()
    field.scrollIntoView({ block: 'nearest' })
  } else if (tries > 0) setTimeout(() => focusBlock(editor, id, tries - 1), 25)
}
