// /i/<id>/settings (backbone staff): name, description, languages and geography; publishing
// the common agenda to the public page and the community report card (/p/<id>/report); the
// download of the whole initiative as an archive.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, Card, CopyField, Notice, StatusPill } from '../../design/index.ts'
import { updateInitiative } from '../../api/endpoints.ts'
import { setPublication } from './api.ts'
import { ArchiveCard } from './ArchiveCard.tsx'
import { api } from '../../api/http.ts'
import { enc } from '../../api/endpoints.ts'
import type { InitiativeAnswer, PublicationTarget } from '@common-ground/domain'
import { errorMessage, fieldError } from '../../api/errorMessage.ts'
import { Link } from '../../router/Link.tsx'
import { InitiativeFieldsEditor, type InitiativeFieldValues } from '../../screens/initiatives/InitiativesScreen.tsx'
import type { SectionProps } from '../types.ts'

export function SettingsSection({ initiative, onInitiativeChange }: SectionProps) {
  const { t } = useTranslation()
  const [values, setValues] = useState<InitiativeFieldValues>({
    name: initiative.name,
    description: initiative.description,
    languages: initiative.languages,
    geography: initiative.geography,
  })
  const [invalid, setInvalid] = useState<{ name?: string; languages?: string }>({})
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problems: typeof invalid = {}
    if (!values.name.trim()) problems.name = t('initiatives.nameRequired')
    if (values.languages.length === 0) problems.languages = t('initiatives.languagesRequired')
    setInvalid(problems)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setError(null)
    setSaved(false)
    try {
      const { initiative: updated } = await updateInitiative(initiative.id, {
        name: values.name.trim(),
        description: values.description.trim(),
        languages: values.languages,
        geography: values.geography.trim(),
      })
      onInitiativeChange(updated)
      setSaved(true)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="stack">
      <Card title={t('settings.detailsTitle')}>
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={t('settings.detailsTitle')}>
          {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
          {saved && <Notice tone="success">{t('settings.saved')}</Notice>}
          <InitiativeFieldsEditor
            {...values}
            onChange={(patch) => {
              setSaved(false)
              setValues((current) => ({ ...current, ...patch }))
            }}
            errors={{
              name: invalid.name ?? fieldError(t, error, 'name'),
              languages: invalid.languages ?? fieldError(t, error, 'languages'),
              description: fieldError(t, error, 'description'),
              geography: fieldError(t, error, 'geography'),
            }}
          />
          <div className="row row--end">
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </Button>
          </div>
        </form>
      </Card>
      <Publication {...{ initiative, onInitiativeChange }} />
      <Publication {...{ initiative, onInitiativeChange }} target="reportCard" />
      <ArchiveCard initiativeId={initiative.id} />
    </div>
  )
}

/** Publish or unpublish one target; the agenda's call is settings/api.ts's, the others' the same route with their kind. */
const publish = (id: string, target: PublicationTarget, published: boolean) =>
  target === 'agenda'
    ? setPublication(id, published)
    : api<InitiativeAnswer>('PUT', `/api/initiatives/${enc(id)}/publication`, { body: { kind: target, published } })

function Publication({ initiative, onInitiativeChange, target = 'agenda' }: SectionProps & { target?: PublicationTarget }) {
  const { t } = useTranslation()
  const published = initiative.published.includes(target)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const publicPath = `/p/${encodeURIComponent(initiative.id)}${target === 'reportCard' ? '/report' : ''}`
  const toggle = async () => {
    setBusy(true)
    setError(null)
    try {
      const { initiative: updated } = await publish(initiative.id, target, !published)
      onInitiativeChange(updated)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card
      title={target === 'agenda' ? t('settings.publicationTitle') : t('reportcard.settingsLabel')}
      description={target === 'agenda' ? t('settings.publicationDescription') : t('reportcard.settingsDescription')}
      data-target={target}
    >
      <div className="stack">
        {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
        <div className="row publication-row">
          <span>{target === 'agenda' ? t('settings.agendaLabel') : t('reportcard.settingsLabel')}</span>
          <StatusPill tone={published ? 'success' : 'neutral'} className="publication-status" data-state={published ? 'published' : 'private'}>
            {published ? t('settings.publishedBadge') : t('settings.privateBadge')}
          </StatusPill>
          <Button variant={published ? 'secondary' : 'primary'} size="sm" onClick={() => void toggle()} disabled={busy} className="publication-toggle">
            {published ? t('settings.unpublish') : t('settings.publish')}
          </Button>
        </div>
        {published && (
          <>
            <CopyField
              label={t('settings.publicLink')}
              value={new URL(publicPath, window.location.origin).toString()}
              copyLabel={t('common.copy')}
              copiedLabel={t('common.copied')}
            />
            <Link href={publicPath}>{target === 'agenda' ? t('settings.openPublicPage') : t('reportcard.openPublic')}</Link>
          </>
        )}
      </div>
    </Card>
  )
}
