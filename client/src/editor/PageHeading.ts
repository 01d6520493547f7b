// Headings inside a page: a document's own headings render one rank below the page's title, so
// a page has one h1 (a heading of level 1 in the document is an <h2>, level 2 an <h3>, …). The
// stored level is unchanged; `data-level` carries it, so copying and pasting within the editor
// keeps it, while HTML pasted from elsewhere keeps its own levels.
import { mergeAttributes } from '@tiptap/core'
import { Heading, type Level } from '@tiptap/extension-heading'

const LEVELS: Level[] = [1, 2, 3, 4, 5, 6]

/** The HTML rank a stored heading level renders as (level 6 stays an <h6>). */
export function renderedRank(level: number): number {
  return Math.min(level + 1, 6)
}

export const PageHeading = Heading.extend({
  parseHTML() {
    return LEVELS.map((level) => ({
      tag: `h${level}`,
      getAttrs: (element: HTMLElement) => {
        const stored = Number(element.getAttribute('data-level'))
        return { level: (LEVELS as number[]).includes(stored) ? stored : level }
      },
    }))
  },
  renderHTML({ node, HTMLAttributes }) {
    const level = (LEVELS as number[]).includes(node.attrs.level) ? (node.attrs.level as number) : 1
    return [`h${renderedRank(level)}`, mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { 'data-level': level }), 0]
  },
})
