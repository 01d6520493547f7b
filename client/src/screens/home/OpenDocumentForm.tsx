// "Open or create a document" form: validates the name with the protocol's rules, then navigates.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { checkDocumentName } from '@common-ground/protocol'
import { Button, Card, TextField } from '../../design/index.ts'
import { documentPath, navigate } from '../../router/router.ts'

export function OpenDocumentForm() {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    const check = checkDocumentName(trimmed)
    if (!check.ok) {
      setError(t(`open.errors.${check.reason}`, { defaultValue: t('open.errors.invalid_segment') }))
      return
    }
    setError(null)
    navigate(documentPath(trimmed))
  }

  return (
    <Card title={t('open.title')} description={t('open.description')}>
      <form className="open-form" onSubmit={onSubmit} noValidate>
        <TextField
          className="open-form__field"
          label={t('open.nameLabel')}
          hint={t('open.nameHint')}
          placeholder={t('open.namePlaceholder')}
          value={name}
          dir="ltr"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          error={error}
          onChange={(event) => {
            setName(event.target.value)
            if (error) setError(null)
          }}
        />
        <Button type="submit" variant="primary" className="open-form__submit">
          {t('open.submit')}
        </Button>
      </form>
    </Card>
  )
}
