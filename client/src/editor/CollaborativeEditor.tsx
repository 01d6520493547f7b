// The TipTap editor bound to a DocumentSession: StarterKit (its headings one rank down, PageHeading.ts), Collaboration on the 'default'
// fragment, other people's carets, per-block auto direction, the agenda's structured blocks
// (goal, indicator, glossary term forms) and glossary highlighting; plus its toolbar.
import { useEffect } from 'react'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { Placeholder } from '@tiptap/extensions'
import { useTranslation } from 'react-i18next'
import type { DocumentSession } from '../sync/DocumentSession.ts'
import { getIdentity } from '../identity/identityStore.ts'
import { AutoDirection } from './AutoDirection.ts'
import { PageHeading } from './PageHeading.ts'
import { renderCaret } from './caretRender.ts'
import { Toolbar } from './Toolbar.tsx'
import { agendaBlockExtensions, BlockEditingProvider } from './blocks/index.ts'

export function CollaborativeEditor({ session, editable = true }: { session: DocumentSession; editable?: boolean }) {
  const { t, i18n } = useTranslation()
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, heading: false }),
        PageHeading,
        Collaboration.configure({ fragment: session.fragment }),
        CollaborationCaret.configure({ provider: session.provider, user: getIdentity(), render: renderCaret }),
        Placeholder.configure({ placeholder: () => t('editor.placeholder') }),
        AutoDirection,
        ...agendaBlockExtensions,
      ],
      editable,
      editorProps: { attributes: editorAttributes(t('editor.label'), editable) },
    },
    [session],
  )

  // Rights can change while the document is open (a role changed): follow them live.
  useEffect(() => {
    if (!editor || editor.isDestroyed || editor.isEditable === editable) return
    editor.setEditable(editable)
  }, [editor, editable])

  // The editor's accessible name and placeholder follow the UI language.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    editor.setOptions({ editorProps: { attributes: editorAttributes(t('editor.label'), editable) } })
    editor.view.dispatch(editor.state.tr.setMeta('cg:language', i18n.language))
  }, [editor, t, i18n.language, editable])

  if (!editor) return null
  return (
    <div className={editable ? 'editor' : 'editor editor--readonly'}>
      {editable && (
        <div className="editor__toolbar">
          <Toolbar editor={editor} />
        </div>
      )}
      <div className="editor__paper">
        <BlockEditingProvider editable={editable}>
          <EditorContent editor={editor} />
        </BlockEditingProvider>
      </div>
    </div>
  )
}

function editorAttributes(label: string, editable: boolean): Record<string, string> {
  return {
    ...(editable ? {} : { 'aria-readonly': 'true' }),
    id: 'editor-content',
    class: 'editor__content',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    spellcheck: 'true',
  }
}
