// The demo initiative: a cradle-to-career education partnership in Be'er Sheva with eight
// partners across sectors, a bilingual common agenda (English, then Hebrew) and one short page
// per partner. Organisation names are fictional (example.org websites).
import type { Language, Role, Sector } from '@common-ground/domain'
import type { Block } from '../documents/initialDocument.ts'

export const DEMO_PASSWORD = 'demo-password'

export interface DemoAccount {
  email: string
  name: string
  language: Language
  /** Backbone staff create the initiative; the others join through invitations. */
  role: Role
  /** For the partner executive: the partner they represent. */
  partnerId?: string
}

export const DEMO_INITIATIVE = {
  id: 'beer-sheva-c2c',
  name: "Be'er Sheva Cradle to Career · באר שבע מהעריסה לקריירה",
  description:
    'A citywide partnership so that every child in Be’er Sheva is supported from birth to a first career: the municipality, schools, a university, a hospital, employers, a foundation, a youth nonprofit and parents, working from one common agenda.',
  languages: ['he', 'ar', 'en'] as Language[],
  geography: "Be'er Sheva, Israel",
}

export interface DemoPartner {
  id: string
  name: string
  sector: Sector
  website: string
  page: Block[]
}

export const DEMO_PARTNERS: DemoPartner[] = [
  {
    id: 'municipality',
    name: "Be'er Sheva Municipality — Education Department",
    sector: 'government',
    website: 'https://municipality.example.org',
    page: [
      { type: 'heading', level: 1, text: "Be'er Sheva Municipality — Education Department" },
      {
        type: 'paragraph',
        text: 'Runs the city’s kindergartens and coordinates its schools. Contributes enrolment and readiness data, hosts the biweekly partner meeting and aligns the municipal education budget with the common agenda.',
      },
    ],
  },
  {
    id: 'university',
    name: 'Negev Regional University',
    sector: 'academia',
    website: 'https://university.example.org',
    page: [
      { type: 'heading', level: 1, text: 'Negev Regional University' },
      {
        type: 'paragraph',
        text: 'Its school of education designs the shared indicators with the backbone team, evaluates which interventions move them, and sends student mentors to high schools in the southern neighbourhoods.',
      },
    ],
  },
  {
    id: 'medical-center',
    name: 'Negev Medical Center',
    sector: 'health',
    website: 'https://medical-center.example.org',
    page: [
      { type: 'heading', level: 1, text: 'Negev Medical Center' },
      {
        type: 'paragraph',
        text: 'Its child development unit screens toddlers for speech and developmental delays and refers families to early intervention, so that problems are caught before kindergarten.',
      },
    ],
  },
  {
    id: 'employers-forum',
    name: 'Negev Employers’ Forum',
    sector: 'business',
    website: 'https://employers.example.org',
    page: [
      { type: 'heading', level: 1, text: 'Negev Employers’ Forum' },
      {
        type: 'paragraph',
        text: 'Forty local employers offer summer internships for grades 10–12, open their workplaces for career days, and tell the partnership which skills they cannot find.',
      },
    ],
  },
  {
    id: 'foundation',
    name: 'Midbar Foundation',
    sector: 'philanthropy',
    website: 'https://foundation.example.org',
    page: [
      { type: 'heading', level: 1, text: 'Midbar Foundation' },
      {
        type: 'paragraph',
        text: 'Funds the backbone team for its first three years and gives small grants to partners whose activities fill gaps in the activity map.',
      },
    ],
  },
  {
    id: 'youth-nonprofit',
    name: 'Youth Horizons Negev',
    sector: 'nonprofit',
    website: 'https://youth-horizons.example.org',
    page: [
      { type: 'heading', level: 1, text: 'Youth Horizons Negev' },
      {
        type: 'paragraph',
        text: 'Runs after-school clubs and one-to-one tutoring for 600 students at risk of dropping out, and reports attendance and reading progress every term.',
      },
    ],
  },
  {
    id: 'school-network',
    name: 'Southern Schools Network',
    sector: 'education',
    website: 'https://schools.example.org',
    page: [
      { type: 'heading', level: 1, text: 'Southern Schools Network' },
      {
        type: 'paragraph',
        text: 'Fourteen elementary and secondary schools that share fourth-grade reading results and graduation data, and pilot the partnership’s reading programme.',
      },
    ],
  },
  {
    id: 'parents-council',
    name: 'Citywide Parents’ Council',
    sector: 'community',
    website: '',
    page: [
      { type: 'heading', level: 1, text: 'Citywide Parents’ Council' },
      {
        type: 'paragraph',
        text: 'Elected parent representatives from every neighbourhood. They bring families’ voices to the table, test whether the plan makes sense at home, and spread the word in Hebrew, Arabic, Russian and Amharic.',
      },
    ],
  },
]

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'backbone@demo.local', name: 'Noa Levi', language: 'en', role: 'backbone' },
  { email: 'partner@demo.local', name: 'Yossi Ben-David', language: 'en', role: 'partner', partnerId: 'municipality' },
  { email: 'participant@demo.local', name: 'Miriam Azoulay', language: 'en', role: 'participant' },
]

/** The common agenda: the English section, then the Hebrew one. */
export const DEMO_AGENDA: Block[] = [
  { type: 'heading', level: 1, text: 'Common agenda — Every Child, Cradle to Career' },
  {
    type: 'paragraph',
    text: 'Eight organisations across government, education, academia, health, business, philanthropy, nonprofits and the community agree on one vision: every child in Be’er Sheva is supported from birth until a first career.',
  },
  { type: 'heading', level: 2, text: 'The problem we share' },
  {
    type: 'paragraph',
    text: 'Only 58% of children arrive at school ready to learn, and one in four students leaves high school without a matriculation certificate. Each of us has worked on a piece of this alone; together we work on all of it.',
  },
  { type: 'heading', level: 2, text: 'Primary goals' },
  {
    type: 'bulletList',
    items: [
      'Every child is prepared for school (kindergarten readiness from 58% to 75% by 2029).',
      'Every child succeeds in school (fourth-grade reading proficiency from 61% to 80%).',
      'Every student graduates and enrols in higher education or career training.',
    ],
  },
  { type: 'heading', level: 2, text: 'How we work together' },
  {
    type: 'paragraph',
    text: 'Partner executives meet every other Tuesday at the municipality. The backbone team prepares the data, the agenda and the follow-up. Each partner does what it does best, coordinated by this plan.',
  },
  { type: 'heading', level: 1, text: 'אג׳נדה משותפת — כל ילד, מהעריסה ועד הקריירה' },
  {
    type: 'paragraph',
    text: 'שמונה ארגונים מהשלטון המקומי, החינוך, האקדמיה, הבריאות, העסקים, הפילנתרופיה, המגזר השלישי והקהילה מסכימים על חזון אחד: כל ילד בבאר שבע נתמך מלידתו ועד לקריירה הראשונה שלו.',
  },
  { type: 'heading', level: 2, text: 'הבעיה המשותפת' },
  {
    type: 'paragraph',
    text: 'רק 58% מהילדים מגיעים לבית הספר מוכנים ללמידה, ואחד מכל ארבעה תלמידים עוזב את התיכון ללא תעודת בגרות. כל אחד מאיתנו עבד על חלק מהבעיה לבד; יחד אנחנו עובדים על כולה.',
  },
  { type: 'heading', level: 2, text: 'יעדים עיקריים' },
  {
    type: 'bulletList',
    items: [
      'כל ילד מוכן לבית הספר (מוכנות לגן חובה מ־58% ל־75% עד 2029).',
      'כל ילד מצליח בבית הספר (שליטה בקריאה בכיתה ד׳ מ־61% ל־80%).',
      'כל תלמיד מסיים תיכון ונרשם ללימודים אקדמיים או להכשרה מקצועית.',
    ],
  },
  { type: 'heading', level: 2, text: 'איך אנחנו עובדים יחד' },
  {
    type: 'paragraph',
    text: 'מנהלי הארגונים השותפים נפגשים אחת לשבועיים, ביום שלישי, בעירייה. צוות השדרה מכין את הנתונים, את סדר היום ואת המעקב. כל שותף עושה את מה שהוא עושה הכי טוב, בתיאום לפי התוכנית הזאת.',
  },
]
