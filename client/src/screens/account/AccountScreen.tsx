// /account: what a person manages about their own account — their name, their password (the
// current one as proof; their other sessions end), signing out of every session, and deleting
// the account (the password as confirmation; their contributions stay, as "Former member").
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LOGIN_PASSWORD_MAX, PASSWORD_MAX, PASSWORD_MIN, PERSON_NAME_MAX } from '@common-ground/domain'
import { Button, Card, ConfirmButton, Notice, TextField } from '../../design/index.ts'
import { isApiError } from '../../api/http.ts'
import { Link } from '../../router/Link.tsx'
import { navigate } from '../../router/router.ts'
import { endLocalSession, refreshSession, useSession } from '../../session/sessionStore.ts'
import { usePageTitle } from '../usePageTitle.ts'
import { changePassword, deleteAccount, revokeAllSessions, updateMyName } from './api.ts'
import { accountErrorKeys } from './personName.ts'

/** The message of an error, and of one field's validation code, in the reader's language. */
function useAccountErrors() {
  const { t } = useTranslation()
  return {
    message: (error: unknown) =>
      isApiError(error)
        ? t(accountErrorKeys(error.code), { seconds: error.retryAfter ?? 60, minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) })
        : t('errors.generic'),
    field: (error: unknown, field: string): string | null => {
      if (!isApiError(error) || error.code !== 'validation_failed') return null
      const code = error.fields[field]
      return code ? t([`account.fieldErrors.${code}`, `fieldErrors.${code}`, 'fieldErrors.invalid'], { min: PASSWORD_MIN }) : null
    },
  }
}

export function AccountScreen() {
  const { t } = useTranslation()
  usePageTitle(t('account.title'))
  const session = useSession()
  if (session.status !== 'signedIn') return null
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1} data-autofocus>
          {t('account.title')}
        </h1>
        <p className="page-subtitle">{t('account.subtitle')}</p>
      </div>
      <div className="stack">
        <NameCard key={session.user.id} name={session.user.name} email={session.user.email} />
        <PasswordCard />
        <SessionsCard />
        <DeleteCard />
      </div>
    </div>
  )
}

function NameCard({ name: current, email }: { name: string; email: string }) {
  const { t } = useTranslation()
  const errors = useAccountErrors()
  const [name, setName] = useState(current)
  const [missing, setMissing] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSaved(false)
    setMissing(!name.trim())
    if (!name.trim()) return
    setBusy(true)
    setError(null)
    try {
      await updateMyName(name.trim())
      await refreshSession()
      setSaved(true)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title={t('account.nameTitle')} description={t('account.nameDescription')}>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={t('account.nameTitle')} data-form="name">
        {error !== null && !errors.field(error, 'name') && <Notice tone="error">{errors.message(error)}</Notice>}
        {saved && <Notice tone="success">{t('account.nameSaved')}</Notice>}
        <div className="form-grid">
          <TextField
            label={t('account.name')}
            name="name"
            autoComplete="name"
            dir="auto"
            value={name}
            maxLength={PERSON_NAME_MAX}
            onChange={(event) => setName(event.target.value)}
            error={missing ? t('fieldErrors.required') : errors.field(error, 'name')}
          />
          <TextField label={t('account.email')} value={email} readOnly dir="ltr" hint={t('account.emailHint')} />
        </div>
        <div className="row row--end">
          <Button type="submit" variant="primary" disabled={busy}>
            {t('account.saveName')}
          </Button>
        </div>
      </form>
    </Card>
  )
}

function PasswordCard() {
  const { t } = useTranslation()
  const errors = useAccountErrors()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [local, setLocal] = useState<{ current?: string; next?: string }>({})
  const [changed, setChanged] = useState(false)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setChanged(false)
    const problems: typeof local = {}
    if (!current) problems.current = t('fieldErrors.required')
    if (next.length < PASSWORD_MIN) problems.next = t('account.fieldErrors.too_short', { min: PASSWORD_MIN })
    setLocal(problems)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setError(null)
    try {
      await changePassword({ current, next })
      setCurrent('')
      setNext('')
      setChanged(true)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  const wrong = isApiError(error, 'wrong_password')
  return (
    <Card title={t('account.passwordTitle')} description={t('account.passwordDescription')}>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={t('account.passwordTitle')} data-form="password">
        {error !== null && !wrong && !errors.field(error, 'next') && <Notice tone="error">{errors.message(error)}</Notice>}
        {changed && <Notice tone="success">{t('account.passwordChanged')}</Notice>}
        <div className="form-grid">
          <TextField
            label={t('account.currentPassword')}
            type="password"
            name="current-password"
            autoComplete="current-password"
            value={current}
            maxLength={LOGIN_PASSWORD_MAX}
            onChange={(event) => setCurrent(event.target.value)}
            error={local.current ?? (wrong ? t('account.errors.wrong_password') : null)}
          />
          <TextField
            label={t('account.newPassword')}
            type="password"
            name="new-password"
            autoComplete="new-password"
            hint={t('account.newPasswordHint', { min: PASSWORD_MIN })}
            value={next}
            maxLength={PASSWORD_MAX}
            onChange={(event) => setNext(event.target.value)}
            error={local.next ?? errors.field(error, 'next')}
          />
        </div>
        <div className="row row--end">
          <Button type="submit" variant="primary" disabled={busy}>
            {t('account.changePassword')}
          </Button>
        </div>
      </form>
    </Card>
  )
}

function SessionsCard() {
  const { t } = useTranslation()
  const errors = useAccountErrors()
  const [error, setError] = useState<unknown>(null)
  return (
    <Card title={t('account.sessionsTitle')} description={t('account.sessionsDescription')}>
      <div className="stack" data-form="sessions">
        {error !== null && <Notice tone="error">{errors.message(error)}</Notice>}
        <p className="muted">
          {t('account.tokensNote')} <Link href="/account/tokens">{t('tokens.title')}</Link>
        </p>
        <div className="row row--end">
          <ConfirmButton
            size="md"
            label={t('account.signOutEverywhere')}
            question={t('account.signOutEverywhereQuestion')}
            confirmLabel={t('account.signOutEverywhere')}
            cancelLabel={t('common.cancel')}
            onConfirm={async () => {
              setError(null)
              try {
                await revokeAllSessions()
                await endLocalSession(() => navigate('/signin', { replace: true }))
              } catch (caught) {
                setError(caught)
              }
            }}
          />
        </div>
      </div>
    </Card>
  )
}

function DeleteCard() {
  const { t } = useTranslation()
  const errors = useAccountErrors()
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [missing, setMissing] = useState(false)
  const wrong = isApiError(error, 'wrong_password')
  return (
    <Card title={t('account.deleteTitle')} description={t('account.deleteDescription')}>
      <form className="stack" onSubmit={(event) => event.preventDefault()} noValidate aria-label={t('account.deleteTitle')} data-form="delete">
        {error !== null && !wrong && <Notice tone="error">{errors.message(error)}</Notice>}
        <TextField
          label={t('account.deletePassword')}
          type="password"
          name="delete-password"
          autoComplete="current-password"
          value={password}
          maxLength={LOGIN_PASSWORD_MAX}
          onChange={(event) => setPassword(event.target.value)}
          error={missing ? t('fieldErrors.required') : wrong ? t('account.errors.wrong_password') : null}
        />
        <div className="row row--end">
          <ConfirmButton
            size="md"
            label={t('account.deleteAccount')}
            question={t('account.deleteQuestion')}
            confirmLabel={t('account.deleteConfirm')}
            cancelLabel={t('common.cancel')}
            onConfirm={async () => {
              setError(null)
              setMissing(!password)
              if (!password) return
              try {
                await deleteAccount(password)
                await endLocalSession(() => navigate('/', { replace: true }))
              } catch (caught) {
                setError(caught)
              }
            }}
          />
        </div>
      </form>
    </Card>
  )
}
