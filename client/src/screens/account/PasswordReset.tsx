// The members screen's "Issue a password reset link" (backbone staff; there is no mail server):
// the button per member, and the link, shown once with a copy button, to hand to the person.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Member } from '@common-ground/domain'
import { Button, CopyField, Notice } from '../../design/index.ts'
import { formatDateTime } from '../format.ts'
import { issuePasswordReset } from './api.ts'

export interface IssuedReset {
  name: string
  url: string
  expiresAt: string
}

export function PasswordResetButton({
  initiativeId,
  member,
  onIssued,
  onError,
}: {
  initiativeId: string
  member: Member
  onIssued: (reset: IssuedReset) => void
  onError: (error: unknown) => void
}) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  return (
    <Button
      size="sm"
      data-action="password-reset"
      disabled={busy}
      onClick={async () => {
        setBusy(true)
        try {
          const answer = await issuePasswordReset(initiativeId, member.userId)
          onIssued({ name: member.name, url: answer.url, expiresAt: answer.expiresAt })
        } catch (caught) {
          onError(caught)
        } finally {
          setBusy(false)
        }
      }}
    >
      {t('account.issueReset')}
      <span className="sr-only"> – {member.name}</span>
    </Button>
  )
}

export function PasswordResetLink({ reset, onDismiss }: { reset: IssuedReset; onDismiss: () => void }) {
  const { t, i18n } = useTranslation()
  return (
    <div className="stack password-reset-link" data-reset-link>
      <Notice tone="success">{t('account.resetIssued', { name: reset.name })}</Notice>
      <CopyField
        label={t('account.resetLink')}
        value={reset.url}
        copyLabel={t('common.copy')}
        copiedLabel={t('common.copied')}
        hint={t('account.resetLinkHint', { time: formatDateTime(reset.expiresAt, i18n.language) })}
      />
      <div className="row row--end">
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          {t('account.resetDone')}
        </Button>
      </div>
    </div>
  )
}
