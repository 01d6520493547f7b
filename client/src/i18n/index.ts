// i18next setup: English, Hebrew and Arabic resources, the saved language, and <html lang dir> upkeep.
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './en.json'
import he from './he.json'
import ar from './ar.json'
import { directionOf } from './locale.ts'

/**
 * Each feature area keeps its strings in `areas/<area>.<language>.json`; they are merged under
 * the key `<area>` (e.g. `t('agenda.goal.statement')` reads `areas/agenda.en.json`'s `goal.statement`).
 */
const areaFiles = import.meta.glob<{ default: Record<string, unknown> }>('./areas/*.json', { eager: true })

export function areaStrings(language: string): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {}
  for (const [path, module] of Object.entries(areaFiles)) {
    const match = /\/([a-zA-Z]+)\.([a-z]{2})\.json$/.exec(path)
    if (match && match[2] === language) merged[match[1]!] = module.default
  }
  return merged
}

export const LANGUAGES = ['en', 'he', 'ar'] as const
export type Language = (typeof LANGUAGES)[number]
const STORAGE_KEY = 'cg.language'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (isLanguage(saved)) return saved
  } catch {
    // storage unavailable: fall through to the browser's language
  }
  const preferred = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : []
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]
    if (base === 'he' || base === 'iw') return 'he'
    if (base === 'ar') return 'ar'
    if (base === 'en') return 'en'
  }
  return 'en'
}

function applyToDocument(language: string): void {
  const root = document.documentElement
  root.lang = language
  root.dir = directionOf(language)
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // not saved; the switch still applies to this page
  }
  await i18next.changeLanguage(language)
}

i18next.on('languageChanged', applyToDocument)

void i18next.use(initReactI18next).init({
  resources: {
    en: { translation: { ...en, ...areaStrings('en') } },
    he: { translation: { ...he, ...areaStrings('he') } },
    ar: { translation: { ...ar, ...areaStrings('ar') } },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
})
applyToDocument(i18next.language)

export { i18next }
export { directionOf, intlLocale } from './locale.ts'
