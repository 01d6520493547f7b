// "Your name" in the header: shows the local user's avatar and name; opens a small panel to
// change the name and colour (kept in localStorage, shown to others through presence).
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Avatar, Button, TextField } from '../design/index.ts'
import { MAX_NAME_LENGTH, updateIdentity, useIdentity } from '../identity/identityStore.ts'
import { USER_COLORS } from '../identity/palette.ts'

export function IdentityMenu() {
  const { t } = useTranslation()
  const identity = useIdentity()
  const [open, setOpen] = useState(false)
  const [draft, setDraft] = useState(identity.name)
  const panelId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    setDraft(identity.name)
    panelRef.current?.querySelector('input')?.focus()
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }

  return (
    <div className="identity">
      <button
        ref={buttonRef}
        type="button"
        className="identity__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar name={identity.name} color={identity.color} size="sm" />
        <span className="identity__text">
          <span className="identity__caption">{t('identity.yourName')}</span>
          <span className="identity__name" dir="auto">
            {identity.name}
          </span>
        </span>
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          className="identity__panel"
          role="dialog"
          aria-label={t('identity.dialogLabel')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close()
          }}
        >
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault()
              close()
            }}
          >
            <TextField
              label={t('identity.yourName')}
              hint={t('identity.nameHint')}
              value={draft}
              maxLength={MAX_NAME_LENGTH}
              dir="auto"
              autoComplete="name"
              error={draft.trim() ? null : t('identity.nameRequired')}
              onChange={(event) => {
                setDraft(event.target.value)
                updateIdentity({ name: event.target.value })
              }}
            />
            <fieldset className="swatches">
              <legend className="field__label">{t('identity.colour')}</legend>
              <div className="swatches__list">
                {USER_COLORS.map((color, i) => (
                  <label key={color} className="swatch" style={{ backgroundColor: color }}>
                    <input
                      type="radio"
                      name="identity-colour"
                      className="swatch__input"
                      value={color}
                      checked={identity.color === color}
                      onChange={() => updateIdentity({ color })}
                    />
                    <span className="sr-only">{t('identity.colourOption', { number: i + 1 })}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="row row--end">
              <Button type="submit" variant="primary" size="sm">
                {t('identity.done')}
              </Button>
            </div>
          </form>
        </div>
      )}
    </div>
  )
}
