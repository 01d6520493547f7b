// Readable random default names ("Calm Heron" / "אנפה שקטה" / "غزال هادئ") for people who have not set one.
const EN_ADJECTIVES = ['Calm', 'Bright', 'Curious', 'Steady', 'Kind', 'Bold', 'Quiet', 'Swift', 'Warm', 'Clever']
const EN_ANIMALS = ['Heron', 'Otter', 'Fox', 'Owl', 'Gazelle', 'Falcon', 'Badger', 'Dolphin', 'Ibex', 'Hoopoe']
// Hebrew: noun then adjective, both feminine so they agree.
const HE_ANIMALS = ['אנפה', 'לוטרה', 'שועלה', 'ינשופה', 'צבייה', 'דוכיפת', 'יונה', 'איילה', 'נמלה', 'דבורה']
const HE_ADJECTIVES = ['שקטה', 'זריזה', 'סקרנית', 'נבונה', 'אמיצה', 'חביבה', 'יציבה', 'עליזה', 'חמה', 'בהירה']

// Arabic: noun then adjective, both masculine and indefinite so they agree.
const AR_ANIMALS = ['غزال', 'صقر', 'ثعلب', 'هدهد', 'دلفين', 'نسر', 'وعل', 'فهد', 'طاووس', 'سنجاب']
const AR_ADJECTIVES = ['هادئ', 'سريع', 'فضولي', 'حكيم', 'شجاع', 'لطيف', 'ثابت', 'مرح', 'دافئ', 'ذكي']

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]
}

export function randomName(language: string): string {
  if (language === 'he') return `${pick(HE_ANIMALS)} ${pick(HE_ADJECTIVES)}`
  if (language === 'ar') return `${pick(AR_ANIMALS)} ${pick(AR_ADJECTIVES)}`
  return `${pick(EN_ADJECTIVES)} ${pick(EN_ANIMALS)}`
}
