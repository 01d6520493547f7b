// The demo initiative's steering committee: a series every two weeks on Thursday at 17:00
// Jerusalem time, whose first four meetings are past — two in English, two in Hebrew — with agenda
// items (discussed, deferred), decisions (one superseding another) and action items (done and
// open, one overdue), and the next meeting prepared with what was left open. Dates are relative to
// the day the demo is seeded. The meetings module's seedDemo writes them (carry-over included).
import type { Block } from '../documents/initialDocument.ts'

export const DEMO_SERIES = {
  title: 'Steering committee · ועדת היגוי',
  timeZone: 'Asia/Jerusalem',
  time: '17:00',
  durationMinutes: 90,
  everyWeeks: 2,
} as const

/** How many of the series' meetings are in the past when the demo is seeded. */
export const DEMO_PAST_MEETINGS = 4

/** The series' first date: the Thursday `DEMO_PAST_MEETINGS` fortnights before the next one after `now`. */
export function demoSeriesStart(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  // The next Thursday (today counts when it is one: its meeting is still ahead or under way).
  day.setUTCDate(day.getUTCDate() + ((4 - day.getUTCDay() + 7) % 7))
  day.setUTCDate(day.getUTCDate() - DEMO_PAST_MEETINGS * 14)
  return day.toISOString().slice(0, 10)
}

export interface DemoPeople {
  backbone: string
  partner: string
  participant: string
}

const heading = (text: string): Block => ({ type: 'heading', level: 2, text })
const paragraph = (text: string): Block => ({ type: 'paragraph', text })
const item = (id: string, title: string, presenter: string, timeboxMinutes: number, status: string, links: { kind: string; id: string }[] = []): Block => ({
  type: 'block',
  node: 'meetingItem',
  attrs: { id, title, presenter, timeboxMinutes, status, links },
})
const decision = (id: string, statement: string, rationale: string, supersedes = ''): Block => ({
  type: 'block',
  node: 'decisionBlock',
  attrs: { id, statement, rationale, status: 'active', supersedes },
})
const action = (id: string, title: string, ownerId: string, due: string, status: string): Block => ({
  type: 'block',
  node: 'actionItemBlock',
  attrs: { id, title, ownerId, due, status },
})

/** `date` plus `days`, `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The content of the past meetings, in order; `dates` are their local dates. */
export function demoMeetingContent(people: DemoPeople, dates: readonly string[]): Block[][] {
  const [first, second, third, fourth] = dates as [string, string, string, string]
  return [
    [
      heading('Steering committee — the first meeting'),
      paragraph('Partner executives of the eight organisations; Noa Levi (backbone) chairs.'),
      item('m-welcome0001', 'Welcome, and how we will work together', 'Noa Levi', 15, 'discussed'),
      item('m-readybase01', 'Kindergarten readiness: the baseline', 'Yossi Ben-David', 30, 'discussed', [{ kind: 'indicator', id: 'i-readiness01' }]),
      item('m-cadence0001', 'How often we meet', 'Noa Levi', 10, 'discussed'),
      decision('d-monthly0001', 'The steering committee meets monthly.', 'A first proposal, to be reviewed once the work plan is clear.'),
      decision(
        'd-biweekly001',
        'The steering committee meets every two weeks, on Thursday at 17:00.',
        'Monthly meetings leave too long between decisions and follow-up.',
        'd-monthly0001',
      ),
      decision(
        'd-readyind001',
        'Kindergarten readiness is our first shared indicator; every partner reports it the same way.',
        'It is measured already by the municipality and the health clinics.',
      ),
      action('a-template001', 'Send the readiness data template to every partner', people.partner, addDays(first, 7), 'done'),
      action('a-hall0000001', 'Book the community centre hall for the parents’ evening', people.backbone, addDays(first, 10), 'done'),
    ],
    [
      heading('ועדת היגוי — הפגישה השנייה'),
      paragraph('נציגי השותפים; נועה לוי מנחה.'),
      item('m-summer00001', 'קייטנות הקיץ: תקציב ומיקום', 'נועה לוי', 20, 'discussed'),
      item('m-parents0001', 'מושב למועצת ההורים בוועדה', 'מרים אזולאי', 15, 'deferred'),
      decision('d-summer00001', 'מממנים ארבע קייטנות קיץ בשכונות ד׳, ו׳, נווה נוי והעיר העתיקה.', 'רשימת ההמתנה הוכפלה מאז הקיץ הקודם.'),
      action('a-ministry001', 'לשלוח מכתב למשרד החינוך על מימון הקייטנות', people.partner, addDays(second, 7), 'open'),
      action('a-budget00001', 'להכין טבלת תקציב משותפת לקייטנות', people.backbone, addDays(second, 10), 'done'),
    ],
    [
      heading('Steering committee — the third meeting'),
      item('m-reading0001', 'Third-grade reading: the first report', 'Yossi Ben-David', 25, 'discussed', [{ kind: 'indicator', id: 'i-reading0001' }]),
      item('m-mentors0001', 'Mentoring programme for high-school students', 'Noa Levi', 20, 'pending'),
      decision(
        'd-reading0001',
        'Schools share their reading assessment results each term, by neighbourhood.',
        'Yearly results come too late to change anything for the children tested.',
      ),
      action('a-readcsv0001', 'Collect the autumn reading results from every school', people.partner, addDays(third, 14), 'open'),
    ],
    [
      heading('ועדת היגוי — הפגישה הרביעית'),
      item('m-dataday0001', 'יום נתונים משותף לכל השותפים', 'נועה לוי', 20, 'discussed'),
      decision('d-dataday0001', 'מקיימים יום נתונים משותף פעם ברבעון.', 'כל שותף רואה רק חלק מהתמונה; ביחד רואים את כולה.'),
      action('a-dataday0001', 'לתאם מועד ליום הנתונים הראשון', people.backbone, addDays(fourth, 21), 'open'),
      action('a-volunteer01', 'לגייס מתנדבים לקייטנות', people.participant, addDays(fourth, 5), 'done'),
    ],
  ]
}

/** The blocks edited after they were carried over: the reading results came in at the fourth meeting. */
export const DEMO_DONE_AFTER_CARRY_OVER = { meeting: 3, fromMeeting: 2, blockId: 'a-readcsv0001' } as const
