// /invite/<token>: what the invitation is for (initiative, role, partner); accept it when
// signed in, or sign up / sign in first and come back here to accept.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, Card, ErrorState, Loading, Notice, StatusPill } from '../../design/index.ts'
import { acceptInvitation, previewInvitation } from '../../api/endpoints.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { isApiError } from '../../api/http.ts'
import { useResource } from '../../api/useResource.ts'
import { refreshSession, useSession } from '../../session/sessionStore.ts'
import { Link } from '../../router/Link.tsx'
import { initiativePath, navigate, signInPath } from '../../router/router.ts'
import { formatDate } from '../format.ts'
import { roleTone } from '../labels.ts'
import { usePageTitle } from '../usePageTitle.ts'

export function InviteScreen({ token }: { token: string }) {
  const { t, i18n } = useTranslation()
  usePageTitle(t('invite.title'))
  const session = useSession()
  const { state, reload } = useResource((signal) => previewInvitation(token, signal).then((a) => a.invitation), [token])
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const here = `/invite/${encodeURIComponent(token)}`

  const accept = async () => {
    setBusy(true)
    setError(null)
    try {
      const { initiativeId } = await acceptInvitation(token)
      await refreshSession()
      navigate(initiativePath(initiativeId))
    } catch (caught) {
      if (isApiError(caught, 'already_member') && state.status === 'ready') {
        navigate(initiativePath(state.data.initiative.id))
        return
      }
      setError(caught)
      setBusy(false)
    }
  }

  let body
  if (state.status === 'loading') body = <Loading label={t('invite.loading')} />
  else if (state.status === 'error') {
    body = (
      <ErrorState
        title={t('invite.unavailableTitle')}
        description={errorMessage(t, state.error)}
        action={
          state.error.status === 404 ? (
            <Link href="/" className="btn btn--secondary btn--md">
              {t('notFound.home')}
            </Link>
          ) : (
            <Button onClick={reload}>{t('common.retry')}</Button>
          )
        }
      />
    )
  } else {
    const invitation = state.data
    const usable = invitation.status === 'pending'
    body = (
      <Card>
        <div className="stack invite">
          <p className="invite__lead">{t('invite.lead')}</p>
          <p className="invite__initiative" dir="auto">
            {invitation.initiative.name}
          </p>
          <div className="row invite__role">
            <span>{t('invite.asRole')}</span>
            <StatusPill tone={roleTone(invitation.role)} data-role={invitation.role}>
              {t(`roles.${invitation.role}`)}
            </StatusPill>
            {invitation.partner && <span dir="auto">{t('invite.forPartner', { partner: invitation.partner.name })}</span>}
          </div>
          <p className="muted">{t(`roles.${invitation.role}Hint`)}</p>
          {usable ? (
            <p className="muted">{t('invite.expires', { date: formatDate(invitation.expiresAt, i18n.language) })}</p>
          ) : (
            <Notice tone="error">{t(`invite.status.${invitation.status}`)}</Notice>
          )}
          {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
          {usable && session.status === 'signedIn' && (
            <div className="stack">
              <p>{t('invite.signedInAs', { name: session.user.name, email: session.user.email })}</p>
              <div className="row">
                <Button variant="primary" onClick={() => void accept()} disabled={busy} className="invite__accept">
                  {busy ? t('invite.accepting') : t('invite.accept')}
                </Button>
              </div>
            </div>
          )}
          {usable && session.status === 'signedOut' && (
            <div className="stack">
              <p>{t('invite.needAccount')}</p>
              <div className="row">
                <Link href={signInPath(here, 'signup')} className="btn btn--primary btn--md">
                  {t('auth.createAccount')}
                </Link>
                <Link href={signInPath(here)} className="btn btn--secondary btn--md">
                  {t('auth.signIn')}
                </Link>
              </div>
            </div>
          )}
        </div>
      </Card>
    )
  }

  return (
    <div className="page page--narrow page--invite">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1} data-autofocus>
          {t('invite.title')}
        </h1>
      </div>
      {body}
    </div>
  )
}
