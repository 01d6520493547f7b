// /account/tokens: personal access tokens for scripts and API clients — create (the secret is
// shown once, with a copy button), list, revoke.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { TOKEN_EXPIRY_DAYS_MAX, TOKEN_EXPIRY_DAYS_MIN, TOKEN_NAME_MAX } from '@common-ground/domain'
import { Button, Card, ConfirmButton, CopyField, EmptyState, Notice, TextField } from '../../design/index.ts'
import { createToken, listTokens, revokeToken } from '../../api/endpoints.ts'
import { errorMessage, fieldError } from '../../api/errorMessage.ts'
import { useResource } from '../../api/useResource.ts'
import { formatDate, formatDateTime } from '../format.ts'
import { ResourceStatus } from '../ResourceStatus.tsx'
import { usePageTitle } from '../usePageTitle.ts'

export function TokensScreen() {
  const { t, i18n } = useTranslation()
  usePageTitle(t('tokens.title'))
  const { state, reload } = useResource((signal) => listTokens(signal).then((a) => a.tokens), [])
  const [error, setError] = useState<unknown>(null)
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1} data-autofocus>
          {t('tokens.title')}
        </h1>
        <p className="page-subtitle">{t('tokens.subtitle')}</p>
      </div>
      <div className="stack">
        <Card title={t('tokens.createTitle')}>
          <CreateToken onCreated={reload} />
        </Card>
        <Card title={t('tokens.listTitle')} aria-busy={state.status === 'loading'}>
          {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
          <ResourceStatus state={state} reload={reload} loadingLabel={t('tokens.loading')} errorTitle={t('tokens.errorTitle')} />
          {state.status === 'ready' && state.data.length === 0 && <EmptyState title={t('tokens.emptyTitle')} description={t('tokens.emptyDescription')} />}
          {state.status === 'ready' && state.data.length > 0 && (
            <div className="table-wrap">
              <table className="table tokens-table">
                <thead>
                  <tr>
                    <th scope="col">{t('tokens.name')}</th>
                    <th scope="col">{t('tokens.prefix')}</th>
                    <th scope="col">{t('tokens.createdAt')}</th>
                    <th scope="col">{t('tokens.lastUsed')}</th>
                    <th scope="col">{t('tokens.expires')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.map((token) => (
                    <tr key={token.id} data-token={token.id}>
                      <td dir="auto">{token.name}</td>
                      <td>
                        <span className="mono" dir="ltr">
                          {token.prefix}…
                        </span>
                      </td>
                      <td>{formatDate(token.createdAt, i18n.language)}</td>
                      <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, i18n.language) : <span className="muted">{t('tokens.never')}</span>}</td>
                      <td>{token.expiresAt ? formatDate(token.expiresAt, i18n.language) : <span className="muted">{t('tokens.noExpiry')}</span>}</td>
                      <td>
                        <div className="table__actions">
                          <ConfirmButton
                            label={t('tokens.revoke')}
                            question={t('tokens.revokeQuestion', { name: token.name })}
                            target={token.name}
                            confirmLabel={t('tokens.revoke')}
                            cancelLabel={t('common.cancel')}
                            onConfirm={async () => {
                              setError(null)
                              try {
                                await revokeToken(token.id)
                                reload()
                              } catch (caught) {
                                setError(caught)
                              }
                            }}
                          />
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </div>
  )
}

function CreateToken({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [days, setDays] = useState('90')
  const [invalid, setInvalid] = useState<{ name?: string; days?: string }>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [secret, setSecret] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problems: typeof invalid = {}
    if (!name.trim()) problems.name = t('tokens.nameRequired')
    const expiresInDays = days.trim() === '' ? undefined : Number(days)
    if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < TOKEN_EXPIRY_DAYS_MIN || expiresInDays > TOKEN_EXPIRY_DAYS_MAX))
      problems.days = t('tokens.daysInvalid')
    setInvalid(problems)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setError(null)
    setSecret(null)
    try {
      const answer = await createToken({ name: name.trim(), ...(expiresInDays !== undefined ? { expiresInDays } : {}) })
      setSecret(answer.secret)
      setName('')
      onCreated()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={t('tokens.createTitle')}>
      {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
      <div className="form-grid">
        <TextField
          label={t('tokens.name')}
          hint={t('tokens.nameHint')}
          value={name}
          dir="auto"
          maxLength={TOKEN_NAME_MAX}
          onChange={(event) => setName(event.target.value)}
          error={invalid.name ?? fieldError(t, error, 'name')}
        />
        <TextField
          label={t('tokens.expiresIn')}
          hint={t('tokens.expiresInHint')}
          type="number"
          min={TOKEN_EXPIRY_DAYS_MIN}
          max={TOKEN_EXPIRY_DAYS_MAX}
          inputMode="numeric"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          error={invalid.days ?? fieldError(t, error, 'expiresInDays')}
        />
      </div>
      <div className="row row--end">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('tokens.creating') : t('tokens.create')}
        </Button>
      </div>
      {secret && (
        <div className="stack token-secret">
          <Notice tone="success">{t('tokens.created')}</Notice>
          <CopyField label={t('tokens.secret')} value={secret} copyLabel={t('common.copy')} copiedLabel={t('common.copied')} hint={t('tokens.secretHint')} />
        </div>
      )}
    </form>
  )
}
