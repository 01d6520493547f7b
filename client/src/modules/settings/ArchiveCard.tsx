// Settings (backbone staff): download the whole initiative as one archive — the same tar as
// `pnpm cg export` (docs/archive.md) — from GET /api/initiatives/:id/export.
import { useTranslation } from 'react-i18next'
import { Card } from '../../design/index.ts'
import { archiveHref } from './api.ts'

export function ArchiveCard({ initiativeId }: { initiativeId: string }) {
  const { t } = useTranslation()
  return (
    <Card title={t('archive.title')} description={t('archive.description')} data-target="archive">
      <div className="row">
        <a className="btn btn--secondary btn--md" href={archiveHref(initiativeId, 'tar')} download data-action="download-archive">
          {t('archive.download')}
        </a>
        <a className="btn btn--ghost btn--md" href={archiveHref(initiativeId, 'tar.gz')} download data-action="download-archive-gz">
          {t('archive.downloadCompressed')}
        </a>
      </div>
    </Card>
  )
}
