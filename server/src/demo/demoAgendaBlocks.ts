// The demo agenda's structured blocks: goals, indicators under them (every field filled as a real
// coalition would, one deliberately incomplete so its validation message shows) and the glossary
// in English, Hebrew and Arabic, whose terms appear in the agenda's text.
import * as Y from 'yjs'
import type { Block } from '../documents/initialDocument.ts'

const goal = (id: string, order: number, statement: string, population: string): Block => ({
  type: 'block',
  node: 'goalBlock',
  attrs: { id, order, statement, population },
})
const indicator = (attrs: Record<string, unknown>): Block => ({ type: 'block', node: 'indicatorBlock', attrs })
const term = (id: string, t: string, definition: string): Block => ({ type: 'block', node: 'glossaryTerm', attrs: { id, term: t, definition } })

const NEIGHBOURHOODS = ['Old City', 'Dalet', 'Vav', 'Neve Noy']

export const DEMO_STRUCTURED_AGENDA: Block[] = [
  { type: 'heading', level: 2, text: 'Goals and indicators · יעדים ומדדים · الأهداف والمؤشرات' },
  {
    type: 'paragraph',
    text: 'Each goal has indicators with a baseline and targets; shared measurement means every partner reports each indicator the same way. לכל יעד יש מדדים עם קו בסיס ויעדים, וכל שותף מדווח על המדד באותה דרך. لكل هدف مؤشر واحد على الأقل، والجاهزية المدرسية هي المؤشر الأول.',
  },
  goal('g-ready000001', 1, 'Every child arrives at school ready to learn · כל ילד מגיע לבית הספר מוכן ללמידה', 'Children aged 0–6 in Be’er Sheva'),
  indicator({
    id: 'i-readiness01',
    name: 'Kindergarten readiness · מוכנות לגן חובה',
    definition: 'Share of children assessed as ready on all five school readiness domains at kindergarten entry.',
    valueType: 'percent',
    unit: '%',
    polarity: 'higher_is_better',
    baseline: { value: 58, period: '2019/20' },
    targets: [
      { period: '2026/27', value: 70 },
      { period: '2028/29', value: 75 },
    ],
    frequency: 'school_year',
    dataSource: 'Municipal kindergarten assessment',
    ownerPartnerId: 'municipality',
    disaggregations: [{ dimension: 'neighbourhood', categories: NEIGHBOURHOODS }],
    minChange: 1,
  }),
  indicator({
    id: 'i-wellbaby001',
    name: 'Well-baby visits completed by age 2',
    definition: 'Children who completed every scheduled well-baby visit by their second birthday.',
    valueType: 'count',
    unit: 'children',
    baseline: { value: 3100, period: '2020' },
    targets: [{ period: '2028', value: 4200 }],
    frequency: 'yearly',
    dataSource: 'Medical centre and municipal clinics',
    ownerPartnerId: 'medical-center',
    minChange: 50,
  }),
  goal('g-school00001', 2, 'Every child succeeds in school · כל ילד מצליח בבית הספר', 'Students in grades 1–9'),
  indicator({
    id: 'i-reading0001',
    name: 'שליטה בקריאה בכיתה ד׳',
    definition: 'Fourth-grade students at or above the reading proficiency level of the national test.',
    valueType: 'percent',
    unit: '%',
    baseline: { value: 61, period: '2020/21' },
    targets: [{ period: '2028/29', value: 80 }],
    frequency: 'school_year',
    dataSource: 'School network, national reading test',
    ownerPartnerId: 'school-network',
    disaggregations: [{ dimension: 'gender', categories: ['girls', 'boys'] }],
    minChange: 1,
  }),
  indicator({
    id: 'i-absence0001',
    name: 'Chronic absence · היעדרות כרונית',
    definition: 'Students missing 10% or more of school days in the quarter.',
    valueType: 'percent',
    unit: '%',
    polarity: 'lower_is_better',
    baseline: { value: 18, period: '2023-Q4' },
    targets: [{ period: '2027-Q4', value: 10 }],
    frequency: 'quarterly',
    dataSource: 'School attendance systems',
    ownerPartnerId: 'school-network',
    minChange: 0.5,
  }),
  goal(
    'g-gradu00001',
    3,
    'Every student graduates ready for higher education or a career · כל תלמיד מסיים מוכן להשכלה גבוהה או לקריירה',
    'Students in grades 10–12',
  ),
  indicator({
    id: 'i-matric00001',
    name: 'Matriculation eligibility · זכאות לבגרות',
    definition: 'Twelfth-grade students eligible for a full matriculation certificate.',
    valueType: 'percent',
    unit: '%',
    baseline: { value: 52, period: '2019' },
    targets: [{ period: '2028', value: 70 }],
    frequency: 'yearly',
    dataSource: 'Ministry of Education open data',
    ownerPartnerId: 'school-network',
    minChange: 2,
  }),
  indicator({
    id: 'i-mentor00001',
    name: 'Students in mentoring programmes',
    definition: 'High-school students meeting a mentor at least twice a month.',
    valueType: 'count',
    unit: 'students',
    baseline: { value: 120, period: '2024-06' },
    targets: [{ period: '2026-12', value: 400 }],
    frequency: 'monthly',
    dataSource: 'Programme attendance lists',
    ownerPartnerId: 'youth-nonprofit',
    minChange: 5,
  }),
  goal('g-career0001', 4, 'Every young adult reaches a first career · כל צעיר מגיע לקריירה ראשונה', 'Young adults aged 18–26'),
  indicator({
    id: 'i-employ00001',
    name: 'Placements per 1,000 graduates',
    definition: 'Graduates in work or vocational training a year after finishing school, per 1,000 graduates.',
    valueType: 'rate',
    rateBase: 1000,
    unit: 'per 1,000',
    polarity: 'target_range',
    baseline: { value: 610, period: '2019' },
    targets: [{ period: '2027', value: 650, upper: 750 }],
    frequency: 'yearly',
    dataSource: 'Employers forum survey',
    ownerPartnerId: 'employers-forum',
  }),
  indicator({
    id: 'i-funds000001',
    name: 'Funds aligned with the agenda',
    definition: 'Grants and budgets the partners direct to the agenda’s activities.',
    valueType: 'currency',
    unit: '₪',
    baseline: { value: 2000000, period: '2024' },
    targets: [{ period: '2027', value: 6000000 }],
    frequency: 'yearly',
    dataSource: 'Partners’ budgets',
    ownerPartnerId: 'foundation',
  }),
  indicator({
    id: 'i-parents0001',
    name: 'Parents on school councils',
    definition: 'Parents serving on a school or kindergarten council.',
    valueType: 'count',
    targets: [{ period: '2027', value: 'TBD' }],
    frequency: 'yearly',
    ownerPartnerId: 'parents-council',
  }),
  { type: 'heading', level: 2, text: 'Glossary · מילון מונחים · مسرد المصطلحات' },
  term(
    't-readiness01',
    'school readiness',
    'A child’s readiness to learn at kindergarten entry, assessed on five domains: language, numeracy, motor skills, social and emotional development.',
  ),
  term('t-shared00001', 'shared measurement', 'Every partner measures progress on the same indicators, the same way, and reports into one system.'),
  term('t-backbone001', 'backbone organisation', 'The team that runs the initiative day to day: data, meetings, facilitation and follow-up.'),
  term('t-baseline001', 'baseline', 'The value of an indicator at the start, against which progress is measured.'),
  term('t-index000001', 'מדד', 'ערך שנמדד באותה דרך אצל כל השותפים, עם קו בסיס ויעד.'),
  term('t-baseline002', 'קו בסיס', 'ערך המדד בנקודת ההתחלה, שמולו נמדדת ההתקדמות.'),
  term('t-indicator03', 'مؤشر', 'قيمة يقيسها جميع الشركاء بالطريقة نفسها، مع خط أساس وهدف.'),
  term('t-readiness02', 'الجاهزية المدرسية', 'استعداد الطفل للتعلّم عند دخول الروضة، ويُقاس في خمسة مجالات.'),
  {
    type: 'paragraph',
    text: 'ملخص بالعربية: ثمانية شركاء في بئر السبع يعملون وفق أجندة مشتركة واحدة، ويتابعون كل مؤشر بالطريقة نفسها، من الجاهزية المدرسية حتى أول وظيفة.',
  },
]

/**
 * A revision after the first endorsement and after values were reported: the steering committee adds
 * an interim target to matriculation eligibility. Its definition becomes version 2 (the values keep
 * version 1 and say the definition changed since), and the endorsing partner sees "changed since
 * your endorsement".
 */
export function reviseDemoAgenda(doc: Y.Doc): void {
  for (const node of doc.getXmlFragment('default').toArray()) {
    if (node instanceof Y.XmlElement && node.nodeName === 'indicatorBlock' && node.getAttribute('id') === 'i-matric00001') {
      node.setAttribute('targets', [
        { period: '2026', value: 62 },
        { period: '2028', value: 70 },
      ] as unknown as string)
    }
  }
}
