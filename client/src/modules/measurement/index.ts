// The measurement module: the shared measurement sheet (values per indicator, reporter and
// period), approvals, who has not reported, CSV import and export.
import type { ClientModule } from '../types.ts'
import { MeasurementSection } from './MeasurementSection.tsx'

export const measurementModule: ClientModule = {
  name: 'measurement',
  sections: [{ id: 'measurement', labelKey: 'sections.measurement', action: 'measurement.read', Component: MeasurementSection }],
}
