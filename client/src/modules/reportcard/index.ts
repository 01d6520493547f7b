// The report card module: the community report card — each indicator's trend against its
// baseline and targets, the headline, charts and accessible tables.
import type { ClientModule } from '../types.ts'
import { ReportCardSection } from './ReportCardSection.tsx'

export const reportCardModule: ClientModule = {
  name: 'reportcard',
  sections: [{ id: 'report', labelKey: 'sections.report', action: 'reportcard.read', Component: ReportCardSection }],
}
