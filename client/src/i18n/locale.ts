// Pure facts about the interface languages (no i18next here, so formatters and their tests can import it).

const RTL_LANGUAGES: ReadonlySet<string> = new Set(['he', 'ar'])

export function directionOf(language: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'
}

/**
 * The locale every `Intl` formatter of the interface uses for a language. Arabic uses Western
 * (Latin) digits, `ar-u-nu-latn`: Israeli Arabic speakers read 1234 rather than ١٢٣٤, and tables
 * mix values with Hebrew and English material (docs/development.md, "Languages").
 */
export function intlLocale(language: string): string {
  return language === 'ar' ? 'ar-u-nu-latn' : language
}
