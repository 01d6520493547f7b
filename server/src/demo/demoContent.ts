// The demo initiative's documents: a cradle-to-career education partnership, in English and
// Hebrew, as simple block lists that seedDemo turns into TipTap-compatible Yjs content.

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bulletList'; items: string[] }

export interface DemoDocument {
  name: string
  blocks: Block[]
}

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    name: 'demo/agenda',
    blocks: [
      { type: 'heading', level: 1, text: 'Common agenda — Every Child, Cradle to Career' },
      {
        type: 'paragraph',
        text: 'Twelve organisations across government, education, business, philanthropy and the community agree on one vision: every child in our city is supported from birth until a first career.',
      },
      { type: 'heading', level: 2, text: 'The problem we share' },
      {
        type: 'paragraph',
        text: 'Only 58% of children arrive at school ready to learn, and one in four students leaves high school without a diploma. Each of us has worked on a piece of this alone; together we work on all of it.',
      },
      { type: 'heading', level: 2, text: 'Primary goals' },
      {
        type: 'bulletList',
        items: [
          'Every child is prepared for school (kindergarten readiness from 58% to 75% by 2029).',
          'Every child succeeds in school (fourth-grade reading proficiency from 61% to 80%).',
          'Every student graduates and enrols in college or career training.',
        ],
      },
      { type: 'heading', level: 2, text: 'How we work together' },
      {
        type: 'paragraph',
        text: 'Partner executives meet every other Tuesday. The backbone team prepares the data, the agenda and the follow-up. Each partner does what it does best, coordinated by this plan.',
      },
    ],
  },
  {
    name: 'demo/agenda-he',
    blocks: [
      { type: 'heading', level: 1, text: 'אג׳נדה משותפת — כל ילד, מהעריסה ועד הקריירה' },
      {
        type: 'paragraph',
        text: 'שנים־עשר ארגונים מהממשל, החינוך, העסקים, הפילנתרופיה והקהילה מסכימים על חזון אחד: כל ילד בעיר שלנו נתמך מלידתו ועד לקריירה הראשונה שלו.',
      },
      { type: 'heading', level: 2, text: 'הבעיה המשותפת' },
      {
        type: 'paragraph',
        text: 'רק 58% מהילדים מגיעים לבית הספר מוכנים ללמידה, ואחד מכל ארבעה תלמידים עוזב את התיכון ללא תעודת בגרות.',
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
        text: 'מנהלי הארגונים השותפים נפגשים אחת לשבועיים. צוות השדרה מכין את הנתונים, את סדר היום ואת המעקב.',
      },
    ],
  },
]
