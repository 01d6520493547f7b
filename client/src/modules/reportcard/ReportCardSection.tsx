// /i/<id>/report: the community report card (placeholder until the report card screens land).
import { useTranslation } from 'react-i18next'
import { Card } from '../../design/index.ts'
import type { SectionProps } from '../types.ts'

export function ReportCardSection(_props: SectionProps) {
  const { t } = useTranslation()
  return <Card title={t('sections.report')}>{null}</Card>
}
