// Editor extension: per-block text direction through decorations (nothing stored in the
// document), so a Hebrew paragraph reads right-to-left inside English content and vice versa.
// Text blocks get dir="auto"; lists and quotes get the direction of their first strong letter,
// because dir="auto" on a container skips children that carry their own dir.
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Node as PMNode } from '@tiptap/pm/model'

const CONTAINERS = new Set(['bulletList', 'orderedList', 'listItem', 'blockquote'])
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/
const STRONG = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/

/** 'rtl' or 'ltr' from the first strongly directional letter, or null if there is none. */
export function firstStrongDirection(text: string): 'rtl' | 'ltr' | null {
  const match = STRONG.exec(text)
  if (!match) return null
  return RTL.test(match[0]) ? 'rtl' : 'ltr'
}

function build(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = []
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      decorations.push(Decoration.node(pos, pos + node.nodeSize, { dir: 'auto' }))
      return false
    }
    if (CONTAINERS.has(node.type.name)) {
      const dir = firstStrongDirection(node.textContent)
      if (dir) decorations.push(Decoration.node(pos, pos + node.nodeSize, { dir }))
    }
    return true
  })
  return DecorationSet.create(doc, decorations)
}

const key = new PluginKey<DecorationSet>('autoDirection')

export const AutoDirection = Extension.create({
  name: 'autoDirection',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => build(state.doc),
          apply: (tr, previous) => (tr.docChanged ? build(tr.doc) : previous),
        },
        props: {
          decorations: (state) => key.getState(state),
        },
      }),
    ]
  },
})
