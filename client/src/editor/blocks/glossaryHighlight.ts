// Glossary highlighting: the terms defined in the agenda's glossary blocks are marked where they
// appear in its text (the domain's TermMatcher: whole words, Hebrew and Arabic prefixes), as
// decorations — nothing is written into the document. Each mark has a dotted underline (not
// colour alone) and the term's definition as its title and accessible description.
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Node as PMNode } from '@tiptap/pm/model'
import { AGENDA_BLOCK_NODES, checkGlossaryTerm, TermMatcher } from '@common-ground/domain'

export const glossaryHighlightKey = new PluginKey<DecorationSet>('glossaryHighlight')

/** The glossary of a document: id, term and definition of each valid term block. */
export function glossaryOf(doc: PMNode): { id: string; term: string; definition: string }[] {
  const terms: { id: string; term: string; definition: string }[] = []
  doc.descendants((node) => {
    if (node.type.name !== AGENDA_BLOCK_NODES.glossaryTerm) return true
    const { definition } = checkGlossaryTerm(node.attrs as Record<string, unknown>)
    if (definition.term !== '') terms.push({ id: definition.id || definition.term, term: definition.term, definition: definition.definition })
    return false
  })
  return terms
}

export function glossaryDecorations(doc: PMNode): DecorationSet {
  const terms = glossaryOf(doc)
  if (terms.length === 0) return DecorationSet.empty
  const matcher = new TermMatcher(terms)
  const byId = new Map(terms.map((t) => [t.id, t]))
  const decorations: Decoration[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return !node.isAtom
    // The block's inline content as one string whose offsets are document positions (an inline non-text node counts as one character).
    let text = ''
    node.forEach((child) => {
      text += child.isText ? child.text! : '\ufffc'.repeat(child.nodeSize)
    })
    for (const match of matcher.find(text)) {
      const term = byId.get(match.termId)
      if (!term) continue
      decorations.push(
        Decoration.inline(pos + 1 + match.start, pos + 1 + match.end, {
          class: 'glossary-ref',
          title: term.definition || term.term,
          'aria-description': term.definition,
          'data-term-id': term.id,
        }),
      )
    }
    return false
  })
  return DecorationSet.create(doc, decorations)
}

export const GlossaryHighlight = Extension.create({
  name: 'glossaryHighlight',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: glossaryHighlightKey,
        state: {
          init: (_, state) => glossaryDecorations(state.doc),
          apply: (tr, previous) => (tr.docChanged ? glossaryDecorations(tr.doc) : previous),
        },
        props: {
          decorations: (state) => glossaryHighlightKey.getState(state),
        },
      }),
    ]
  },
})
