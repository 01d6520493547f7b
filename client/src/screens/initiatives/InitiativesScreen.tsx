// Home for a signed-in person: their initiatives, and a form to create one.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { INITIATIVE_DESCRIPTION_MAX, INITIATIVE_GEOGRAPHY_MAX, INITIATIVE_NAME_MAX, LANGUAGES, type Language } from '@common-ground/domain'
import { Button, Card, CheckboxGroup, EmptyState, Notice, StatusPill, TextAreaField, TextField } from '../../design/index.ts'
import { createInitiative, listInitiatives } from '../../api/endpoints.ts'
import { errorMessage, fieldError } from '../../api/errorMessage.ts'
import { useResource } from '../../api/useResource.ts'
import type { Initiative } from '../../api/types.ts'
import { refreshSession } from '../../session/sessionStore.ts'
import { Link } from '../../router/Link.tsx'
import { isLanguage } from '../../i18n/index.ts'
import { initiativePath, navigate } from '../../router/router.ts'
import { ResourceStatus } from '../ResourceStatus.tsx'
import { usePageTitle } from '../usePageTitle.ts'
import { LANGUAGE_NAMES, roleTone } from '../labels.ts'

export function InitiativesScreen() {
  const { t } = useTranslation()
  usePageTitle(t('initiatives.pageTitle'))
  const { state, reload } = useResource((signal) => listInitiatives(signal).then((a) => a.initiatives), [])
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1} data-autofocus>
          {t('initiatives.title')}
        </h1>
        <p className="page-subtitle">{t('initiatives.subtitle')}</p>
      </div>
      <div className="stack">
        <Card title={t('initiatives.listTitle')} aria-busy={state.status === 'loading'}>
          <ResourceStatus state={state} reload={reload} loadingLabel={t('initiatives.loading')} errorTitle={t('initiatives.errorTitle')} />
          {state.status === 'ready' && state.data.length === 0 && (
            <EmptyState title={t('initiatives.emptyTitle')} description={t('initiatives.emptyDescription')} />
          )}
          {state.status === 'ready' && state.data.length > 0 && (
            <ul className="initiative-list">
              {state.data.map((initiative) => (
                <InitiativeRow key={initiative.id} initiative={initiative} />
              ))}
            </ul>
          )}
        </Card>
        <CreateInitiativeForm />
      </div>
    </div>
  )
}

function InitiativeRow({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation()
  return (
    <li className="initiative-list__item">
      <div className="initiative-list__main">
        <Link href={initiativePath(initiative.id)} className="initiative-list__link" dir="auto">
          {initiative.name}
        </Link>
        {initiative.description && (
          <p className="initiative-list__description" dir="auto">
            {initiative.description}
          </p>
        )}
        <p className="muted">{[initiative.geography, initiative.languages.map((l) => LANGUAGE_NAMES[l] ?? l).join(' · ')].filter(Boolean).join(' — ')}</p>
      </div>
      <StatusPill tone={roleTone(initiative.role)}>{t(`roles.${initiative.role}`)}</StatusPill>
    </li>
  )
}

function CreateInitiativeForm() {
  const { t, i18n } = useTranslation()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [languages, setLanguages] = useState<Language[]>([isLanguage(i18n.language) ? i18n.language : 'en'])
  const [geography, setGeography] = useState('')
  const [template, setTemplate] = useState(true)
  const [invalid, setInvalid] = useState<{ name?: string; languages?: string }>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const problems: typeof invalid = {}
    if (!name.trim()) problems.name = t('initiatives.nameRequired')
    if (languages.length === 0) problems.languages = t('initiatives.languagesRequired')
    setInvalid(problems)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setError(null)
    try {
      const { initiative } = await createInitiative({
        name: name.trim(),
        description: description.trim(),
        languages,
        geography: geography.trim(),
        agendaTemplate: template ? 'commonAgenda' : 'blank',
      })
      await refreshSession()
      navigate(initiativePath(initiative.id))
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <Card title={t('initiatives.createTitle')} description={t('initiatives.createDescription')}>
      <form className="stack" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('initiatives.createTitle')}>
        {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
        <InitiativeFieldsEditor
          name={name}
          description={description}
          languages={languages}
          geography={geography}
          onChange={(patch) => {
            if (patch.name !== undefined) setName(patch.name)
            if (patch.description !== undefined) setDescription(patch.description)
            if (patch.languages !== undefined) setLanguages(patch.languages)
            if (patch.geography !== undefined) setGeography(patch.geography)
          }}
          errors={{
            name: invalid.name ?? fieldError(t, error, 'name'),
            languages: invalid.languages ?? fieldError(t, error, 'languages'),
            description: fieldError(t, error, 'description'),
            geography: fieldError(t, error, 'geography'),
          }}
        />
        <label className="choice choice--with-hint">
          <input type="checkbox" name="agendaTemplate" checked={template} onChange={(event) => setTemplate(event.target.checked)} />
          <span>
            {t('initiatives.template')}
            <span className="field__hint">{t('initiatives.templateHint')}</span>
          </span>
        </label>
        <div className="row row--end">
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? t('initiatives.creating') : t('initiatives.create')}
          </Button>
        </div>
      </form>
    </Card>
  )
}

export interface InitiativeFieldValues {
  name: string
  description: string
  languages: Language[]
  geography: string
}

/** The fields of an initiative, shared by the create form and the settings. */
export function InitiativeFieldsEditor({
  onChange,
  errors,
  ...values
}: InitiativeFieldValues & {
  onChange: (patch: Partial<InitiativeFieldValues>) => void
  errors: Partial<Record<keyof InitiativeFieldValues, string | null>>
}) {
  const { t } = useTranslation()
  return (
    <>
      <TextField
        label={t('initiatives.name')}
        value={values.name}
        dir="auto"
        maxLength={INITIATIVE_NAME_MAX}
        onChange={(event) => onChange({ name: event.target.value })}
        error={errors.name}
      />
      <TextAreaField
        label={t('initiatives.description')}
        hint={t('initiatives.descriptionHint')}
        value={values.description}
        dir="auto"
        maxLength={INITIATIVE_DESCRIPTION_MAX}
        onChange={(event) => onChange({ description: event.target.value })}
        error={errors.description}
      />
      <CheckboxGroup
        legend={t('initiatives.languages')}
        name="languages"
        options={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language], lang: language }))}
        value={values.languages}
        onChange={(languages) => onChange({ languages })}
        error={errors.languages}
      />
      <TextField
        label={t('initiatives.geography')}
        hint={t('initiatives.geographyHint')}
        value={values.geography}
        dir="auto"
        maxLength={INITIATIVE_GEOGRAPHY_MAX}
        onChange={(event) => onChange({ geography: event.target.value })}
        error={errors.geography}
      />
    </>
  )
}
