// Sign in (/signin) and sign up (/signup), both returning to `?next=` afterwards.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PASSWORD_MAX, PASSWORD_MIN, PERSON_NAME_MAX } from '@common-ground/domain'
import { Button, Card, Notice, TextField } from '../../design/index.ts'
import { errorMessage, fieldError } from '../../api/errorMessage.ts'
import { signIn, signUp, useSession } from '../../session/sessionStore.ts'
import { Link } from '../../router/Link.tsx'
import { navigate, nextPath, signInPath, useLocation } from '../../router/router.ts'
import { usePageTitle } from '../usePageTitle.ts'
import { isLanguage } from '../../i18n/index.ts'
import { Welcome } from './Welcome.tsx'

/** Signed in already (or just now): go where the person was heading. */
function useReturnWhenSignedIn(): void {
  const session = useSession()
  useEffect(() => {
    if (session.status === 'signedIn') navigate(nextPath(), { replace: true })
  }, [session.status])
}

function AuthLayout({
  title,
  subtitle,
  children,
  footer,
  intro,
}: {
  title: string
  subtitle: string
  children: ReactNode
  footer: ReactNode
  intro?: ReactNode
}) {
  usePageTitle(title)
  return (
    <div className="page page--narrow">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1} data-autofocus>
          {title}
        </h1>
        <p className="page-subtitle">{subtitle}</p>
      </div>
      {intro}
      <Card>{children}</Card>
      <p className="auth-footer">{footer}</p>
    </div>
  )
}

/** `welcome`: the signed-out home, which also says what the product is (Welcome.tsx). */
export function SignInScreen({ embedded = false, welcome = false }: { embedded?: boolean; welcome?: boolean }) {
  const { t } = useTranslation()
  useReturnWhenSignedIn()
  const location = useLocation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({})
  const [busy, setBusy] = useState(false)
  const next = embedded ? window.location.pathname : nextPath()

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const nextMissing = { email: !email.trim(), password: !password }
    setMissing(nextMissing)
    if (nextMissing.email || nextMissing.password) return
    setBusy(true)
    setError(null)
    try {
      await signIn(email.trim(), password)
      navigate(next, { replace: true })
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <AuthLayout
      title={t('auth.signInTitle')}
      subtitle={t('auth.signInSubtitle')}
      intro={welcome ? <Welcome /> : undefined}
      footer={
        <>
          {t('auth.noAccount')} <Link href={signInPath(embedded ? location : next, 'signup')}>{t('auth.createAccount')}</Link>
        </>
      }
    >
      <form className="stack" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('auth.signInTitle')}>
        {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          dir="ltr"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={missing.email ? t('auth.emailRequired') : null}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          dir="ltr"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={missing.password ? t('auth.passwordRequired') : null}
        />
        <div className="row row--end">
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? t('auth.signingIn') : t('auth.signIn')}
          </Button>
        </div>
      </form>
    </AuthLayout>
  )
}

export function SignUpScreen() {
  const { t, i18n } = useTranslation()
  useReturnWhenSignedIn()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [invalid, setInvalid] = useState<{ name?: string; email?: string; password?: string }>({})
  const [busy, setBusy] = useState(false)
  const next = nextPath()

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const problems: typeof invalid = {}
    if (!name.trim()) problems.name = t('auth.nameRequired')
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) problems.email = t('auth.emailInvalid')
    if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) problems.password = t('auth.passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX })
    setInvalid(problems)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setError(null)
    try {
      await signUp({ name: name.trim(), email: email.trim(), password, language: isLanguage(i18n.language) ? i18n.language : undefined })
      navigate(next, { replace: true })
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <AuthLayout
      title={t('auth.signUpTitle')}
      subtitle={t('auth.signUpSubtitle')}
      footer={
        <>
          {t('auth.haveAccount')} <Link href={signInPath(next)}>{t('auth.signIn')}</Link>
        </>
      }
    >
      <form className="stack" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('auth.signUpTitle')}>
        {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
        <TextField
          label={t('auth.name')}
          hint={t('auth.nameHint')}
          name="name"
          autoComplete="name"
          dir="auto"
          value={name}
          maxLength={PERSON_NAME_MAX}
          onChange={(event) => setName(event.target.value)}
          error={invalid.name ?? fieldError(t, error, 'name')}
        />
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          dir="ltr"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={invalid.email ?? fieldError(t, error, 'email')}
        />
        <TextField
          label={t('auth.password')}
          hint={t('auth.passwordHint', { min: PASSWORD_MIN })}
          type="password"
          name="new-password"
          autoComplete="new-password"
          dir="ltr"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={invalid.password ?? fieldError(t, error, 'password')}
        />
        <div className="row row--end">
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? t('auth.creatingAccount') : t('auth.createAccount')}
          </Button>
        </div>
      </form>
    </AuthLayout>
  )
}
