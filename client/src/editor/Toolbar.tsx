// The formatting toolbar: bold, italic, headings, lists, quote, undo/redo, and in the agenda the
// Insert menu of structured blocks; toggle buttons report aria-pressed, and the toolbar is one
// tab stop with arrow-key navigation.
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useEditorState, type Editor } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { IconButton } from '../design/index.ts'
import { nextToolbarIndex } from './rovingFocus.ts'
import { InsertMenu, useAgendaBlocks } from './blocks/index.ts'
import { BoldIcon, BulletListIcon, HeadingIcon, ItalicIcon, OrderedListIcon, QuoteIcon, RedoIcon, UndoIcon } from './icons.tsx'

interface Item {
  id: string
  label: string
  icon: ReactNode
  pressed?: boolean
  disabled?: boolean
  run: () => void
}

export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation()
  const agenda = useAgendaBlocks()
  const [active, setActive] = useState(0)
  const refs = useRef<(HTMLButtonElement | null)[]>([])
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  })
  const chain = () => editor.chain().focus()
  const groups: Item[][] = [
    [
      { id: 'undo', label: t('toolbar.undo'), icon: <UndoIcon />, disabled: !state.canUndo, run: () => chain().undo().run() },
      { id: 'redo', label: t('toolbar.redo'), icon: <RedoIcon />, disabled: !state.canRedo, run: () => chain().redo().run() },
    ],
    [
      { id: 'bold', label: t('toolbar.bold'), icon: <BoldIcon />, pressed: state.bold, run: () => chain().toggleBold().run() },
      { id: 'italic', label: t('toolbar.italic'), icon: <ItalicIcon />, pressed: state.italic, run: () => chain().toggleItalic().run() },
    ],
    ([1, 2, 3] as const).map((level) => ({
      id: `h${level}`,
      label: t('toolbar.heading', { level }),
      icon: <HeadingIcon level={level} />,
      pressed: state[`h${level}`],
      run: () => chain().toggleHeading({ level }).run(),
    })),
    [
      { id: 'bullet', label: t('toolbar.bulletList'), icon: <BulletListIcon />, pressed: state.bullet, run: () => chain().toggleBulletList().run() },
      { id: 'ordered', label: t('toolbar.orderedList'), icon: <OrderedListIcon />, pressed: state.ordered, run: () => chain().toggleOrderedList().run() },
      { id: 'quote', label: t('toolbar.quote'), icon: <QuoteIcon />, pressed: state.quote, run: () => chain().toggleBlockquote().run() },
    ],
  ]
  const items = groups.flat()
  const count = items.length + (agenda ? 1 : 0)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = nextToolbarIndex(event, active, count)
    if (next === null) return
    event.preventDefault()
    setActive(next)
    refs.current[next]?.focus()
  }

  let index = 0
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')} aria-controls="editor-content" onKeyDown={onKeyDown}>
      {groups.map((group, g) => (
        <div className="toolbar__group" role="group" key={g}>
          {group.map((item) => {
            const i = index++
            return (
              <IconButton
                key={item.id}
                ref={(el) => {
                  refs.current[i] = el
                }}
                label={item.label}
                icon={item.icon}
                pressed={item.pressed}
                aria-disabled={item.disabled || undefined}
                tabIndex={i === active ? 0 : -1}
                onFocus={() => setActive(i)}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  if (!item.disabled) item.run()
                }}
                data-command={item.id}
              />
            )
          })}
        </div>
      ))}
      {agenda && (
        <div className="toolbar__group" role="group">
          <InsertMenu
            editor={editor}
            buttonRef={(el) => {
              refs.current[items.length] = el
            }}
            tabIndex={active === items.length ? 0 : -1}
            onFocus={() => setActive(items.length)}
          />
        </div>
      )}
    </div>
  )
}
