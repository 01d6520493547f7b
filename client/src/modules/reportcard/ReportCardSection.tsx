// /i/<id>/report: the community report card for the initiative's members (approved values
// only), with the link to the public card once the backbone published it.
import { useTranslation } from 'react-i18next'
import { roleMay } from '@common-ground/domain'
import { Button, CopyField, ErrorState, Loading } from '../../design/index.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { useResource } from '../../api/useResource.ts'
import { Link } from '../../router/Link.tsx'
import { initiativePath, publicReportCardPath } from '../../router/routes.ts'
import type { SectionProps } from '../types.ts'
import { ReportCardView } from './ReportCardView.tsx'
import { getReportCard } from './api.ts'

export function ReportCardSection({ initiative }: SectionProps) {
  const { t } = useTranslation()
  const { state, reload } = useResource((signal) => getReportCard(initiative.id, signal), [initiative.id])
  const published = initiative.published.includes('reportCard')
  const publicPath = publicReportCardPath(initiative.id)

  return (
    <div className="stack">
      <div className="rc-publication">
        {published ? (
          <div className="stack">
            <CopyField
              label={t('reportcard.publicLink')}
              value={new URL(publicPath, window.location.origin).toString()}
              copyLabel={t('reportcard.copy')}
              copiedLabel={t('reportcard.copied')}
            />
            <Link href={publicPath} className="rc-public-link">
              {t('reportcard.openPublic')}
            </Link>
          </div>
        ) : (
          <p className="muted rc-private">
            {t('reportcard.notPublic')}{' '}
            {roleMay(initiative.role, 'initiative.publish') && (
              <Link href={initiativePath(initiative.id, 'settings')}>{t('reportcard.publishInSettings')}</Link>
            )}
          </p>
        )}
      </div>
      {state.status === 'loading' && <Loading label={t('reportcard.loading')} />}
      {state.status === 'error' && (
        <ErrorState
          title={t('reportcard.errorTitle')}
          description={errorMessage(t, state.error)}
          action={<Button onClick={reload}>{t('reportcard.retry')}</Button>}
        />
      )}
      {state.status === 'ready' && <ReportCardView card={state.data} />}
    </div>
  )
}
