// /i/<id>/measurement: shared measurement — the sheet (everyone; partners and backbone staff
// enter values), the approval queue (backbone staff), who has not reported, CSV import and export.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { measurementsDocumentName, roleMay } from '@common-ground/domain'
import { markSeen } from '../../api/history.ts'
import { Link } from '../../router/Link.tsx'
import { sectionItemPath } from '../../router/routes.ts'
import { Card } from '../../design/index.ts'
import { useResource } from '../../api/useResource.ts'
import { usePartners } from '../../api/usePartners.ts'
import { ResourceStatus } from '../../screens/ResourceStatus.tsx'
import type { SectionProps } from '../types.ts'
import { exportHref, listIndicators } from './api.ts'
import { ApprovalQueue } from './ApprovalQueue.tsx'
import { ImportButton } from './ImportDialog.tsx'
import { ReportingStatus } from './ReportingStatus.tsx'
import { SheetView } from './SheetView.tsx'
import './measurement.css'

type View = 'sheet' | 'approvals' | 'reporting'

export function MeasurementSection({ initiative }: SectionProps) {
  const { t } = useTranslation()
  const indicators = useResource((signal) => listIndicators(initiative.id, signal).then((a) => a.indicators), [initiative.id])
  const partners = usePartners(initiative.id)
  const [view, setView] = useState<View>('sheet')
  const views: View[] = roleMay(initiative.role, 'measurement.approve') ? ['sheet', 'approvals', 'reporting'] : ['sheet', 'reporting']
  const ready = indicators.state.status === 'ready' && partners.state.status === 'ready'
  const indicatorList = indicators.state.status === 'ready' ? indicators.state.data : []
  const partnerList = partners.state.status === 'ready' ? partners.state.data.partners : []
  // The sheet counts as seen when the section is opened and left (what changed since my last visit).
  useEffect(() => {
    const mark = () => void markSeen(initiative.id, measurementsDocumentName(initiative.id)).catch(() => undefined)
    mark()
    return mark
  }, [initiative.id])

  return (
    <Card title={t('measurement.title')} description={t('measurement.description')} className="measurement-section">
      <div className="measurement-section__bar">
        <div className="measurement-section__views" role="group" aria-label={t('measurement.views')}>
          {views.map((v) => (
            <button key={v} type="button" className="measurement-section__view" aria-pressed={view === v} onClick={() => setView(v)} data-view={v}>
              {t(`measurement.view.${v}`)}
            </button>
          ))}
        </div>
        <div className="row">
          {ready && roleMay(initiative.role, 'measurement.import') && (
            <ImportButton initiative={initiative} partners={partnerList} onImported={() => setView('sheet')} />
          )}
          <Link className="btn btn--ghost btn--sm" href={sectionItemPath(initiative.id, 'history', 'measurements')}>
            {t('history.historyLink')}
          </Link>
          <a className="btn btn--ghost btn--sm" href={exportHref(initiative.id, 'csv')} download data-action="export-csv">
            {t('measurement.exportCsv')}
          </a>
          <a className="btn btn--ghost btn--sm" href={exportHref(initiative.id, 'json')} download data-action="export-json">
            {t('measurement.exportJson')}
          </a>
        </div>
      </div>
      <ResourceStatus state={indicators.state} reload={indicators.reload} loadingLabel={t('measurement.loading')} errorTitle={t('measurement.errorTitle')} />
      <ResourceStatus state={partners.state} reload={partners.reload} loadingLabel={t('measurement.loading')} errorTitle={t('measurement.errorTitle')} />
      {ready && view === 'sheet' && <SheetView initiative={initiative} indicators={indicatorList} partners={partnerList} />}
      {ready && view === 'approvals' && <ApprovalQueue initiativeId={initiative.id} indicators={indicatorList} partners={partnerList} />}
      {ready && view === 'reporting' && <ReportingStatus initiativeId={initiative.id} indicators={indicatorList} partners={partnerList} />}
    </Card>
  )
}
