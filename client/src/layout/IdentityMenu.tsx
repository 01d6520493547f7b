// The signed-in person in the header: avatar and name (their presence name); a panel with
// their email, presence colour, access tokens and sign-out. Signed out: a "Sign in" link.
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Avatar, Button, Notice } from '../design/index.ts'
import { setIdentityColor, useIdentity } from '../identity/identityStore.ts'
import { USER_COLORS } from '../identity/palette.ts'
import { signOut, useSession } from '../session/sessionStore.ts'
import { Link } from '../router/Link.tsx'
import { navigate, signInPath, useLocation } from '../router/router.ts'
import { errorMessage } from '../api/errorMessage.ts'

export function IdentityMenu() {
  const { t } = useTranslation()
  const session = useSession()
  const identity = useIdentity()
  const location = useLocation()
  const [open, setOpen] = useState(false)
  const [signingOut, setSigningOut] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const panelId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    panelRef.current?.querySelector<HTMLElement>('input:checked, button, a')?.focus()
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  // Navigating elsewhere closes the panel.
  useEffect(() => setOpen(false), [location])

  if (session.status !== 'signedIn') {
    if (session.status === 'loading') return null
    // The start page shows the sign-in form itself when signed out.
    const onAuthScreen = location === '/' || location.startsWith('/signin') || location.startsWith('/signup')
    if (onAuthScreen) return null
    return (
      <Link href={signInPath(location)} className="btn btn--primary btn--sm identity__signin">
        {t('auth.signIn')}
      </Link>
    )
  }

  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }

  const doSignOut = async () => {
    setSigningOut(true)
    setError(null)
    try {
      // Leaves every document (the sign-in screen replaces the page) as the local copies go.
      await signOut(() => navigate('/signin'))
    } catch (caught) {
      setError(caught)
    } finally {
      setSigningOut(false)
    }
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
          <span className="identity__caption">{t('identity.signedInAs')}</span>
          <span className="identity__name" dir="auto">
            {session.user.name}
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
          <div className="stack">
            <div className="identity__who">
              <span className="identity__full-name" dir="auto">
                {session.user.name}
              </span>
              <span className="identity__email" dir="ltr">
                {session.user.email}
              </span>
            </div>
            <fieldset className="swatches">
              <legend className="field__label">{t('identity.colour')}</legend>
              <p className="field__hint">{t('identity.colourHint')}</p>
              <div className="swatches__list">
                {USER_COLORS.map((color, i) => (
                  <label key={color} className="swatch" style={{ backgroundColor: color }}>
                    <input
                      type="radio"
                      name="identity-colour"
                      className="swatch__input"
                      value={color}
                      checked={identity.color === color}
                      onChange={() => setIdentityColor(color)}
                    />
                    <span className="sr-only">{t('identity.colourOption', { number: i + 1 })}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <Link href="/account" className="identity__link" data-link="account">
              {t('account.title')}
            </Link>
            <Link href="/account/tokens" className="identity__link">
              {t('tokens.title')}
            </Link>
            {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
            <div className="row row--end">
              <Button variant="secondary" size="sm" onClick={() => void doSignOut()} disabled={signingOut} className="identity__signout">
                {t('auth.signOut')}
              </Button>
            </div>
          </div>
        </div>
      )}
    </div>
  )
}
