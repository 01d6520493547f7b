// @vitest-environment happy-dom
// A document's headings render one rank down (one h1 per page); the stored level is unchanged
// and survives a copy within the editor (data-level); other HTML keeps its levels.
import { afterEach, describe, expect, it } from 'vitest'
import { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { PageHeading } from './PageHeading.ts'

let editor: Editor | null = null
afterEach(() => editor?.destroy())

function editorWith(content: string): Editor {
  editor = new Editor({ extensions: [StarterKit.configure({ heading: false }), PageHeading], content })
  return editor
}

const levels = (e: Editor) => (e.getJSON().content ?? []).filter((n) => n.type === 'heading').map((n) => n.attrs?.level as number)

describe('PageHeading', () => {
  it('renders a level-n heading as h(n+1) and stores level n', () => {
    const e = editorWith('<h1>Vision</h1><h2>Goals</h2><h3>Early years</h3>')
    expect(levels(e)).toEqual([1, 2, 3])
    expect(e.getHTML()).toBe('<h2 data-level="1">Vision</h2><h3 data-level="2">Goals</h3><h4 data-level="3">Early years</h4>')
    expect([...e.view.dom.querySelectorAll('h1, h2, h3, h4')].map((h) => h.tagName)).toEqual(['H2', 'H3', 'H4'])
  })

  it('reads its own HTML back at the stored levels, and foreign HTML at its own', () => {
    expect(levels(editorWith('<h2 data-level="1">Vision</h2><h4 data-level="3">x</h4>'))).toEqual([1, 3])
    editor!.destroy()
    expect(levels(editorWith('<h1>a</h1><h2>b</h2><h6>c</h6>'))).toEqual([1, 2, 6])
  })

  it('a level-6 heading stays an h6', () => {
    expect(editorWith('<h6>deep</h6>').getHTML()).toBe('<h6 data-level="6">deep</h6>')
  })
})
