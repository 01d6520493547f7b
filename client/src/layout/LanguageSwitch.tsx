// Header language switch: English / עברית as a pair of toggle buttons; the choice is saved.
import { useTranslation } from 'react-i18next'
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.ts'

const NATIVE_NAMES: Record<Language, string> = { en: 'English', he: 'עברית' }

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
          {NATIVE_NAMES[language]}
        </button>
      ))}
    </div>
  )
}
