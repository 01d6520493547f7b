// The common-agenda template a new initiative's agenda can start from: the five conditions of
// collective impact as sections (the problem, the shared vision, goals and shared measurement, how
// the partners work together, continuous communication, the backbone), each with a prompt saying
// what belongs there — in every language of the initiative, one part per language.
import type { Language } from '../roles.ts'

/** The blocks of a new document, as the server's initial-content writer takes them. */
export type TemplateBlock = { type: 'heading'; level: 1 | 2 | 3; text: string } | { type: 'paragraph'; text: string }

export const AGENDA_TEMPLATES = ['commonAgenda', 'blank'] as const
export type AgendaTemplate = (typeof AGENDA_TEMPLATES)[number]

interface Section {
  heading: string
  prompt: string
}

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', he: 'עברית', ar: 'العربية' }

const SECTIONS: Record<Language, Section[]> = {
  en: [
    {
      heading: 'The problem',
      prompt:
        'Describe the social problem the initiative takes on: who is affected, where, how many people, and what the data says. A definition of the problem that every partner shares is where a common agenda starts.',
    },
    { heading: 'Our shared vision', prompt: 'What will be different when we succeed? One or two sentences that every partner can sign.' },
    {
      heading: 'Goals and shared measurement',
      prompt:
        'Add each goal with Insert → Goal, and under it the indicators that will show progress (Insert → Indicator), each with a baseline, a target and the partner who reports it. Goals and indicators become the shared measurement and the report card.',
    },
    {
      heading: 'How the partners work together',
      prompt:
        'Each partner does what it does best, and the activities reinforce one another: which partner leads what, who contributes, and how the activities fit one plan of action.',
    },
    {
      heading: 'Continuous communication',
      prompt: 'How often the partners’ executives meet (for example every two weeks), how decisions are recorded and how action items are followed up.',
    },
    { heading: 'The backbone organisation', prompt: 'Which organisation supports the initiative: its staff, what it coordinates and how it is funded.' },
  ],
  he: [
    {
      heading: 'הבעיה',
      prompt:
        'תארו את הבעיה החברתית שהמיזם מתמודד איתה: את מי היא פוגעת, היכן, בכמה אנשים, ומה אומרים הנתונים. הגדרה של הבעיה שכל השותפים שותפים לה היא נקודת ההתחלה של אג׳נדה משותפת.',
    },
    { heading: 'החזון המשותף שלנו', prompt: 'מה יהיה שונה כשנצליח? משפט או שניים שכל השותפים יכולים לחתום עליהם.' },
    {
      heading: 'יעדים ומדידה משותפת',
      prompt:
        'הוסיפו כל יעד דרך הוספה ← יעד, ומתחתיו את המדדים שיראו התקדמות (הוספה ← מדד), לכל מדד ערך בסיס, ערך יעד והשותף שמדווח עליו. היעדים והמדדים הופכים למדידה המשותפת ולכרטיס הדיווח.',
    },
    {
      heading: 'איך השותפים עובדים יחד',
      prompt: 'כל שותף עושה את מה שהוא עושה הכי טוב, והפעילויות מחזקות זו את זו: איזה שותף מוביל מה, מי תורם, ואיך הפעילויות מתחברות לתוכנית פעולה אחת.',
    },
    { heading: 'תקשורת רציפה', prompt: 'באיזו תדירות נפגשים מנהלי השותפים (למשל אחת לשבועיים), איך מתועדות החלטות ואיך עוקבים אחר משימות.' },
    { heading: 'ארגון השדרה', prompt: 'איזה ארגון תומך במיזם: הצוות שלו, מה הוא מתאם ואיך הוא ממומן.' },
  ],
  ar: [
    {
      heading: 'المشكلة',
      prompt:
        'صِفوا المشكلة الاجتماعية التي تتصدّى لها المبادرة: مَن المتأثرون بها، وأين، وكم عددهم، وماذا تقول البيانات. تعريفٌ للمشكلة يتشاركه جميع الشركاء هو نقطة انطلاق الأجندة المشتركة.',
    },
    { heading: 'رؤيتنا المشتركة', prompt: 'ما الذي سيتغيّر عندما ننجح؟ جملة أو جملتان يستطيع كل الشركاء التوقيع عليهما.' },
    {
      heading: 'الأهداف والقياس المشترك',
      prompt:
        'أضيفوا كل هدف من إدراج ← هدف، وتحته المؤشرات التي ستُظهر التقدّم (إدراج ← مؤشر)، لكل مؤشر خط أساس وقيمة مستهدفة والشريك الذي يبلّغ عنه. تصبح الأهداف والمؤشرات القياسَ المشترك وبطاقة التقرير.',
    },
    {
      heading: 'كيف يعمل الشركاء معًا',
      prompt: 'يقوم كل شريك بما يُحسنه، وتعزّز الأنشطة بعضها بعضًا: أيّ شريك يقود ماذا، ومن يساهم، وكيف تنتظم الأنشطة في خطة عمل واحدة.',
    },
    { heading: 'التواصل المستمر', prompt: 'كم مرة يجتمع مديرو الشركاء (مثلًا كل أسبوعين)، وكيف تُسجَّل القرارات وتُتابَع المهام.' },
    { heading: 'المنظمة الداعمة', prompt: 'أيّ منظمة تدعم المبادرة: طاقمها، وما الذي تنسّقه، وكيف تُموَّل.' },
  ],
}

/**
 * A new agenda's blocks: the initiative's name and description, then — for the common-agenda
 * template — the sections in each of the initiative's languages (a part per language, headed by
 * the language's name when there are several).
 */
export function agendaTemplateBlocks(
  template: AgendaTemplate,
  initiative: { name: string; description: string; languages: readonly Language[] },
): TemplateBlock[] {
  const blocks: TemplateBlock[] = [{ type: 'heading', level: 1, text: initiative.name }]
  if (initiative.description) blocks.push({ type: 'paragraph', text: initiative.description })
  if (template === 'blank') return blocks
  const languages = initiative.languages.length > 0 ? initiative.languages : (['en'] as const)
  for (const language of languages) {
    if (languages.length > 1) blocks.push({ type: 'heading', level: 1, text: LANGUAGE_NAMES[language] })
    for (const section of SECTIONS[language]) blocks.push({ type: 'heading', level: 2, text: section.heading }, { type: 'paragraph', text: section.prompt })
  }
  return blocks
}
