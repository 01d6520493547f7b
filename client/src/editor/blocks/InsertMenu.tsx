// The toolbar's Insert menu: a goal, an indicator under a chosen goal (the nearest goal above the
// caret first) or a glossary term. A menu button (aria-haspopup, aria-expanded) with arrow-key
// navigation; Escape closes it and gives the focus back.
import { useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react'
import type { Editor } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { goalsOf, insertBlock, nearestGoalId } from './insert.ts'

interface MenuItem {
  id: string
  label: string
  run: () => void
}

export function InsertMenu({
  editor,
  buttonRef,
  tabIndex,
  onFocus,
}: {
  editor: Editor
  buttonRef: Ref<HTMLButtonElement>
  tabIndex: number
  onFocus: () => void
}) {
  const { t } = useTranslation()
  const [items, setItems] = useState<MenuItem[] | null>(null)
  const menuRef = useRef<HTMLDivElement | null>(null)
  const ownButton = useRef<HTMLButtonElement | null>(null)

  const close = (refocus: boolean) => {
    setItems(null)
    if (refocus) ownButton.current?.focus()
  }

  const open = () => {
    const { doc, selection } = editor.state
    const nearest = nearestGoalId(doc, selection.to)
    const goals = goalsOf(doc).sort((a, b) => Number(b.id === nearest) - Number(a.id === nearest))
    const run = (fn: () => void) => () => {
      close(false)
      fn()
    }
    setItems([
      { id: 'goal', label: t('agenda.insert.goal'), run: run(() => insertBlock(editor, 'goal')) },
      ...goals.map((g) => ({
        id: `indicator:${g.id}`,
        label: t(g.id === nearest ? 'agenda.insert.indicatorNearest' : 'agenda.insert.indicatorUnder', { goal: g.statement || g.id }),
        run: run(() => insertBlock(editor, 'indicator', g.id)),
      })),
      ...(goals.length === 0 ? [{ id: 'indicator', label: t('agenda.insert.indicator'), run: run(() => insertBlock(editor, 'indicator')) }] : []),
      { id: 'glossaryTerm', label: t('agenda.insert.glossaryTerm'), run: run(() => insertBlock(editor, 'glossaryTerm')) },
    ])
  }

  useEffect(() => {
    if (!items) return
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus()
    const onPointer = (event: PointerEvent) => {
      if (!menuRef.current?.parentElement?.contains(event.target as Node)) setItems(null)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [items])

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation()
    const buttons = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const move = (i: number) => {
      event.preventDefault()
      buttons[(i + buttons.length) % buttons.length]?.focus()
    }
    if (event.key === 'ArrowDown') move(index + 1)
    else if (event.key === 'ArrowUp') move(index - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(buttons.length - 1)
    else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault()
      close(true)
    }
  }

  return (
    <div className="insert-menu">
      <button
        type="button"
        ref={(el) => {
          ownButton.current = el
          if (typeof buttonRef === 'function') buttonRef(el)
          else if (buttonRef) buttonRef.current = el
        }}
        className="btn btn--ghost btn--sm insert-menu__button"
        aria-haspopup="menu"
        aria-expanded={items !== null}
        tabIndex={tabIndex}
        onFocus={onFocus}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => (items ? close(false) : open())}
        data-command="insert"
      >
        {t('agenda.insert.button')}
      </button>
      {items && (
        <div className="insert-menu__list" role="menu" aria-label={t('agenda.insert.label')} ref={menuRef} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <button key={item.id} type="button" role="menuitem" tabIndex={-1} data-insert={item.id} onClick={item.run}>
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
