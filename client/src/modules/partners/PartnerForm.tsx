// The fields of a partner organisation (create and edit): name, sector, website, colour.
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { PARTNER_NAME_MAX, SECTORS, WEBSITE_MAX, WEBSITE_PATTERN, type Sector } from '@common-ground/domain'
import { Button, Notice, SelectField, TextField } from '../../design/index.ts'
import type { PartnerFields } from './api.ts'
import { errorMessage, fieldError } from '../../api/errorMessage.ts'
import { USER_COLORS } from '../../identity/palette.ts'

export function PartnerForm({
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
  label,
}: {
  initial?: Partial<PartnerFields>
  submitLabel: string
  busyLabel: string
  onSubmit: (fields: PartnerFields) => Promise<void>
  onCancel?: () => void
  label: string
}) {
  const { t } = useTranslation()
  const [name, setName] = useState(initial?.name ?? '')
  const [sector, setSector] = useState<Sector>(initial?.sector ?? 'nonprofit')
  const [website, setWebsite] = useState(initial?.website ?? '')
  const [color, setColor] = useState(initial?.color ?? USER_COLORS[0])
  const [invalid, setInvalid] = useState<{ name?: string; website?: string }>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const colourGroup = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problems: typeof invalid = {}
    if (!name.trim()) problems.name = t('partners.nameRequired')
    const site = website.trim()
    if (site && (site.length > WEBSITE_MAX || !WEBSITE_PATTERN.test(site))) problems.website = t('partners.websiteInvalid')
    setInvalid(problems)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setError(null)
    try {
      await onSubmit({ name: name.trim(), sector, website: website.trim(), color })
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="stack partner-form" onSubmit={(event) => void submit(event)} noValidate aria-label={label}>
      {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
      <div className="form-grid">
        <TextField
          label={t('partners.name')}
          value={name}
          dir="auto"
          maxLength={PARTNER_NAME_MAX}
          onChange={(event) => setName(event.target.value)}
          error={invalid.name ?? fieldError(t, error, 'name')}
        />
        <SelectField
          label={t('partners.sector')}
          value={sector}
          options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
          onChange={(event) => setSector(event.target.value as Sector)}
          error={fieldError(t, error, 'sector')}
        />
        <TextField
          label={t('partners.website')}
          hint={t('partners.websiteHint')}
          value={website}
          type="url"
          dir="ltr"
          placeholder="https://"
          onChange={(event) => setWebsite(event.target.value)}
          error={invalid.website ?? fieldError(t, error, 'website')}
        />
        <fieldset className="swatches">
          <legend className="field__label">{t('partners.colour')}</legend>
          <div className="swatches__list">
            {USER_COLORS.map((c, i) => (
              <label key={c} className="swatch" style={{ backgroundColor: c }}>
                <input type="radio" name={colourGroup} className="swatch__input" value={c} checked={color === c} onChange={() => setColor(c)} />
                <span className="sr-only">{t('identity.colourOption', { number: i + 1 })}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="row row--end">
        {onCancel && (
          <Button variant="ghost" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </Button>
      </div>
    </form>
  )
}
