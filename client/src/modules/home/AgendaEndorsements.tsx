// The agenda's endorsements: which partners endorsed which agenda version (current, or changed
// since), and for a partner executive their partner's state and an "endorse the current
// version" button. The agenda's version moves with every edit, so the list is asked again every
// few seconds while the page is visible.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { roleMay } from '@common-ground/domain'
import { Button, Card, Notice, StatusPill } from '../../design/index.ts'
import { isApiError } from '../../api/http.ts'
import { useResource } from '../../api/useResource.ts'
import type { Initiative } from '../../api/types.ts'
import { ResourceStatus } from '../../screens/ResourceStatus.tsx'
import { formatDateTime } from '../../screens/format.ts'
import { endorseAgenda, listEndorsements } from './agendaApi.ts'
import { personName } from '../../screens/account/personName.ts'

const POLL_MS = 3000

export function AgendaEndorsements({ initiative, partnerNames }: { initiative: Initiative; partnerNames: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation()
  const { state, reload, set } = useResource((signal) => listEndorsements(initiative.id, signal), [initiative.id])
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [reload])

  const ownPartner = roleMay(initiative.role, 'agenda.endorse') ? initiative.partnerId : null
  const name = (id: string) => partnerNames.get(id) ?? id
  const data = state.status === 'ready' ? state.data : null
  const own = data && ownPartner ? data.endorsements.find((e) => e.partnerId === ownPartner) : undefined

  const endorse = async () => {
    if (!data) return
    setBusy(true)
    setProblem(null)
    try {
      set(await endorseAgenda(initiative.id, data.version))
    } catch (error) {
      if (isApiError(error, 'agenda_changed')) setProblem(t('agenda.endorsements.conflict'))
      else
        setProblem(t('agenda.endorsements.failed', { message: isApiError(error) ? t(`errors.${error.code}`, { defaultValue: error.message }) : String(error) }))
      reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title={t('agenda.endorsements.title')} headingLevel={2} className="summary-card endorsements" aria-busy={state.status === 'loading'}>
      {!data && (
        <ResourceStatus state={state} reload={reload} loadingLabel={t('agenda.endorsements.loading')} errorTitle={t('agenda.endorsements.errorTitle')} />
      )}
      {data && (
        <div className="stack stack--tight">
          <p className="muted endorsements__version" data-version={data.version}>
            {t('agenda.endorsements.currentVersion', { version: data.version })}
          </p>
          {ownPartner && (
            <div className="endorsements__own" data-state={own ? (own.current ? 'current' : 'changed') : 'none'}>
              {own?.current && <Notice tone="success">{t('agenda.endorsements.yourCurrent', { partner: name(ownPartner) })}</Notice>}
              {own && !own.current && <Notice tone="info">{t('agenda.endorsements.yourChanged', { version: own.version })}</Notice>}
              {!own && <p>{t('agenda.endorsements.notYet', { partner: name(ownPartner) })}</p>}
              {!own?.current && (
                <Button variant="primary" size="sm" disabled={busy} onClick={() => void endorse()} data-action="endorse-agenda">
                  {busy ? t('agenda.endorsements.endorsing') : t('agenda.endorsements.endorse', { partner: name(ownPartner) })}
                </Button>
              )}
            </div>
          )}
          {problem && <Notice tone="error">{problem}</Notice>}
          {data.endorsements.length === 0 ? (
            <p className="muted">{t('agenda.endorsements.none')}</p>
          ) : (
            <ul className="endorsements__list">
              {data.endorsements.map((e) => (
                <li key={e.partnerId} className="endorsements__item" data-partner={e.partnerId} data-current={e.current}>
                  <strong dir="auto">{name(e.partnerId)}</strong>
                  <span>{t('agenda.endorsements.version', { version: e.version })}</span>
                  <StatusPill tone={e.current ? 'success' : 'warning'}>
                    {e.current ? t('agenda.endorsements.current') : t('agenda.endorsements.changed')}
                  </StatusPill>
                  <span className="muted">
                    {t('agenda.endorsements.by', { name: personName(t, e.endorsedBy.name), date: formatDateTime(e.endorsedAt, i18n.language) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  )
}
