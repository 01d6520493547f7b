// Header language switch: English / עברית / العربية as a group of toggle buttons; the choice is saved.
import { useTranslation } from 'react-i18next'
import { LANGUAGES, setLanguage } from '../i18n/index.ts'
import { LANGUAGE_NAMES } from '../screens/labels.ts'

export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  return (
    <div className="segmented" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="segmented__option"
          aria-pressed={i18n.language === language}
          onClick={() => void setLanguage(language)}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </div>
  )
}
