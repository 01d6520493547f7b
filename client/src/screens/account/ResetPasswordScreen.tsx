// /reset/<token>: a one-time password reset link that backbone staff issued (there is no mail
// server). Says whose password it sets, takes the new one, and signs the person in; every other
// session of theirs ends. Used, expired and unknown links say so.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { PASSWORD_MAX, PASSWORD_MIN } from '@common-ground/domain'
import { Button, Card, ErrorState, Loading, Notice, TextField } from '../../design/index.ts'
import { isApiError } from '../../api/http.ts'
import { useResource } from '../../api/useResource.ts'
import { Link } from '../../router/Link.tsx'
import { navigate } from '../../router/router.ts'
import { adoptSession } from '../../session/sessionStore.ts'
import { formatDateTime } from '../format.ts'
import { usePageTitle } from '../usePageTitle.ts'
import { previewPasswordReset, redeemPasswordReset } from './api.ts'
import { accountErrorKeys } from './personName.ts'

export function ResetPasswordScreen({ token }: { token: string }) {
  const { t, i18n } = useTranslation()
  usePageTitle(t('account.reset.title'))
  const { state, reload } = useResource((signal) => previewPasswordReset(token, signal).then((a) => a.reset), [token])
  const [password, setPassword] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problem = password.length < PASSWORD_MIN ? t('account.fieldErrors.too_short', { min: PASSWORD_MIN }) : null
    setInvalid(problem)
    if (problem) return
    setBusy(true)
    setError(null)
    try {
      const answer = await redeemPasswordReset(token, password)
      await adoptSession(answer.csrfToken)
      navigate('/', { replace: true })
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  let body
  if (state.status === 'loading') body = <Loading label={t('account.reset.loading')} />
  else if (state.status === 'error') {
    const gone = state.error.status === 404 || state.error.status === 410
    body = (
      <ErrorState
        title={t('account.reset.unusableTitle')}
        description={`${t(accountErrorKeys(state.error.code))} ${gone ? t('account.reset.askAgain') : ''}`.trim()}
        action={
          gone ? (
            <Link href="/signin" className="btn btn--secondary btn--md">
              {t('account.reset.toSignIn')}
            </Link>
          ) : (
            <Button onClick={reload}>{t('common.retry')}</Button>
          )
        }
      />
    )
  } else {
    const reset = state.data
    body = (
      <Card>
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={t('account.reset.title')} data-form="reset">
          <p>
            {t('account.reset.for')}{' '}
            <strong dir="auto" className="reset__name">
              {reset.name}
            </strong>{' '}
            <span dir="ltr" className="muted">
              {reset.email}
            </span>
          </p>
          <p className="muted">{t('account.reset.expires', { time: formatDateTime(reset.expiresAt, i18n.language) })}</p>
          {error !== null && !(isApiError(error, 'validation_failed') && error.fields.password) && (
            <Notice tone="error">{isApiError(error) ? t(accountErrorKeys(error.code)) : t('errors.generic')}</Notice>
          )}
          {/* The email as a username, so a password manager files the new password under the right account. */}
          <input type="email" name="username" autoComplete="username" value={reset.email} readOnly hidden />
          <TextField
            label={t('account.newPassword')}
            type="password"
            name="new-password"
            autoComplete="new-password"
            hint={t('account.newPasswordHint', { min: PASSWORD_MIN })}
            value={password}
            maxLength={PASSWORD_MAX}
            onChange={(event) => setPassword(event.target.value)}
            error={
              invalid ?? (isApiError(error, 'validation_failed') && error.fields.password ? t('account.fieldErrors.too_short', { min: PASSWORD_MIN }) : null)
            }
          />
          <p className="muted">{t('account.reset.sessionsNote')}</p>
          <div className="row row--end">
            <Button type="submit" variant="primary" disabled={busy}>
              {t('account.reset.submit')}
            </Button>
          </div>
        </form>
      </Card>
    )
  }

  return (
    <div className="page page--narrow">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1} data-autofocus>
          {t('account.reset.title')}
        </h1>
      </div>
      {body}
    </div>
  )
}
