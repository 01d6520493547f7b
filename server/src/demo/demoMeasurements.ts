// The demo measurement sheet: several years of values for the demo indicators — initiative-wide,
// per partner (counts that add up) and per category — with realistic trends: most improving,
// chronic absence worsening, matriculation flat, placements stale (nothing since 2022), funds
// and the incomplete indicator without data. Deterministic. Values arrive submitted (the
// measurement module's demo seed approves most of them) or as drafts.
import * as Y from 'yjs'
import { writeCell, type CellCoordinates } from '@common-ground/domain'

type Fields = Parameters<typeof writeCell>[2]
interface DemoCell {
  at: CellCoordinates
  fields: Fields
}

const cellAt = (indicatorId: string, period: string, partnerId = '', dimension = '', category = ''): CellCoordinates => ({
  indicatorId,
  period,
  partnerId,
  dimension,
  category,
})
const submitted = (value: number, extra: Partial<Record<'note' | 'source', string>> = {}): Fields => ({
  value,
  status: 'submitted',
  definitionVersion: 1,
  ...extra,
})

const SCHOOL_YEARS = ['2020/21', '2021/22', '2022/23', '2023/24', '2024/25', '2025/26']

function series(): DemoCell[] {
  const cells: DemoCell[] = []
  const readiness = [59, 61, 62, 64, 66, 68]
  const offsets: Record<string, number> = { 'Old City': -6, Dalet: -3, Vav: 2, 'Neve Noy': 5 }
  SCHOOL_YEARS.forEach((year, i) => {
    cells.push({ at: cellAt('i-readiness01', year), fields: submitted(readiness[i]!, i === 5 ? { source: 'Municipal assessment, June 2026' } : {}) })
    for (const [hood, offset] of Object.entries(offsets))
      cells.push({ at: cellAt('i-readiness01', year, '', 'neighbourhood', hood), fields: submitted(readiness[i]! + offset) })
  })
  const reading = [62, 63, 63, 65, 66]
  SCHOOL_YEARS.slice(1).forEach((year, i) => {
    cells.push({ at: cellAt('i-reading0001', year), fields: submitted(reading[i]!) })
    cells.push({ at: cellAt('i-reading0001', year, '', 'gender', 'girls'), fields: submitted(reading[i]! + 3) })
    cells.push({ at: cellAt('i-reading0001', year, '', 'gender', 'boys'), fields: submitted(reading[i]! - 3) })
  })
  // Well-baby visits: two reporters whose counts add up to the initiative-wide series.
  const clinic = [2300, 2400, 2520, 2610, 2750, 2840]
  const municipal = [850, 880, 900, 960, 1000, 1050]
  ;['2020', '2021', '2022', '2023', '2024', '2025'].forEach((year, i) => {
    cells.push({ at: cellAt('i-wellbaby001', year, 'medical-center'), fields: submitted(clinic[i]!) })
    cells.push({ at: cellAt('i-wellbaby001', year, 'municipality'), fields: submitted(municipal[i]!) })
  })
  // Chronic absence, quarterly, getting worse lately.
  const absence = [17.5, 17, 16.8, 17.2, 17.9, 18.6, 19.4, 20.2, 21.1, 21.9]
  const quarters = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']
  quarters.forEach((q, i) =>
    cells.push({ at: cellAt('i-absence0001', q), fields: submitted(absence[i]!, i === 9 ? { note: 'Includes the strike weeks in May.' } : {}) }),
  )
  // Matriculation: flat within the minimum meaningful change.
  const matric = [53, 55, 55, 56, 55, 56, 55]
  ;['2019', '2020', '2021', '2022', '2023', '2024', '2025'].forEach((year, i) =>
    cells.push({ at: cellAt('i-matric00001', year), fields: submitted(matric[i]!) }),
  )
  // Mentoring, monthly: the youth nonprofit and the university's student mentors.
  for (let m = 0; m < 22; m++) {
    const year = 2025 + Math.floor(m / 12)
    const period = `${year}-${String((m % 12) + 1).padStart(2, '0')}`
    cells.push({ at: cellAt('i-mentor00001', period, 'youth-nonprofit'), fields: submitted(110 + m * 9) })
    cells.push({
      at: cellAt('i-mentor00001', period, 'university'),
      fields: m === 21 ? { value: 64, status: 'draft', definitionVersion: 1 } : submitted(30 + m * 2),
    })
  }
  // Placements: stale, nothing reported since 2022.
  ;[
    ['2019', 610],
    ['2020', 598],
    ['2021', 624],
    ['2022', 641],
  ].forEach(([year, value]) => cells.push({ at: cellAt('i-employ00001', String(year)), fields: submitted(Number(value)) }))
  return cells
}

export const DEMO_MEASUREMENTS: readonly DemoCell[] = series()

/** Writes the demo cells into a sheet document (inside the caller's transaction). */
export function writeDemoMeasurements(doc: Y.Doc, cells: readonly DemoCell[] = DEMO_MEASUREMENTS): void {
  doc.transact(() => {
    for (const cell of cells) writeCell(doc, cell.at, cell.fields)
  })
}
