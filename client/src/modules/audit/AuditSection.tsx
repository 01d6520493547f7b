// /i/<id>/audit (backbone staff): the initiative's audit log, filtered by action, person and
// date range, newest first; actions and details in words (auditDetails.ts), dates via Intl.
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, Card, EmptyState, SelectField, TextField } from '../../design/index.ts'
import { listAudit, type AuditFilter } from './api.ts'
import { useResource } from '../../api/useResource.ts'
import type { AuditEntry } from '../../api/types.ts'
import { formatDateTime } from '../../screens/format.ts'
import type { SectionProps } from '../types.ts'
import { useMembers, usePartners } from '../../api/usePartners.ts'
import { ResourceStatus } from '../../screens/ResourceStatus.tsx'
import { AUDIT_ACTIONS, actionLabel } from './actionLabels.ts'
import { personName } from '../../screens/account/personName.ts'
import { auditDetails, type AuditNames } from './auditDetails.ts'

/** A `yyyy-mm-dd` date input as the start (or the end) of that day, in local time. */
function dayBound(value: string, end: boolean): string | undefined {
  if (!value) return undefined
  const date = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

export function AuditSection({ initiative }: SectionProps) {
  const { t, i18n } = useTranslation()
  const members = useMembers(initiative.id)
  const [draft, setDraft] = useState({ action: '', actor: '', since: '', until: '' })
  const [filter, setFilter] = useState<AuditFilter>({ limit: 200 })
  const { state, reload } = useResource((signal) => listAudit(initiative.id, filter, signal).then((a) => a.entries), [initiative.id, filter])
  const [rangeError, setRangeError] = useState<string | null>(null)

  const apply = (event: FormEvent) => {
    event.preventDefault()
    if (draft.since && draft.until && draft.since > draft.until) {
      setRangeError(t('audit.rangeInvalid'))
      return
    }
    setRangeError(null)
    setFilter({
      action: draft.action || undefined,
      actor: draft.actor || undefined,
      since: dayBound(draft.since, false),
      until: dayBound(draft.until, true),
      limit: 200,
    })
  }

  const partners = usePartners(initiative.id)
  const names = useMemo<AuditNames>(() => {
    const people = new Map(members.state.status === 'ready' ? members.state.data.map((m) => [m.userId, m.name]) : [])
    const orgs = new Map(partners.state.status === 'ready' ? partners.state.data.partners.map((p) => [p.id, p.name]) : [])
    return { person: (id) => people.get(id) ?? null, partner: (id) => orgs.get(id) ?? null }
  }, [members.state, partners.state])

  const memberOptions = members.state.status === 'ready' ? members.state.data.map((m) => ({ value: m.userId, label: m.name })) : []

  return (
    <div className="stack">
      <Card title={t('audit.title')} description={t('audit.description')}>
        <form className="audit-filter" onSubmit={apply} aria-label={t('audit.filterLabel')}>
          <SelectField
            label={t('audit.action')}
            value={draft.action}
            options={[{ value: '', label: t('audit.allActions') }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))]}
            onChange={(event) => setDraft({ ...draft, action: event.target.value })}
          />
          <SelectField
            label={t('audit.person')}
            value={draft.actor}
            options={[{ value: '', label: t('audit.everyone') }, ...memberOptions]}
            onChange={(event) => setDraft({ ...draft, actor: event.target.value })}
          />
          <TextField label={t('audit.since')} type="date" value={draft.since} onChange={(event) => setDraft({ ...draft, since: event.target.value })} />
          <TextField
            label={t('audit.until')}
            type="date"
            value={draft.until}
            onChange={(event) => setDraft({ ...draft, until: event.target.value })}
            error={rangeError}
          />
          <div className="audit-filter__actions">
            <Button type="submit" variant="primary">
              {t('audit.apply')}
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setDraft({ action: '', actor: '', since: '', until: '' })
                setRangeError(null)
                setFilter({ limit: 200 })
              }}
            >
              {t('audit.clear')}
            </Button>
          </div>
        </form>
      </Card>
      <Card aria-busy={state.status === 'loading'} aria-label={t('audit.entries')}>
        <ResourceStatus state={state} reload={reload} loadingLabel={t('audit.loading')} errorTitle={t('audit.errorTitle')} />
        {state.status === 'ready' && state.data.length === 0 && <EmptyState title={t('audit.emptyTitle')} description={t('audit.emptyDescription')} />}
        {state.status === 'ready' && state.data.length > 0 && (
          <div className="table-wrap">
            <table className="table audit-table">
              <caption className="sr-only">{t('audit.entries')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.person')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.map((entry) => (
                  <tr key={entry.id} data-action={entry.action}>
                    <td className="nowrap">{formatDateTime(entry.at, i18n.language)}</td>
                    <td>{actionLabel(t, entry.action, entry.details)}</td>
                    <td>
                      {entry.actor ? (
                        <>
                          <span dir="auto">{personName(t, entry.actor.name)}</span>
                          <br />
                          <span className="muted" dir="ltr">
                            {entry.actor.email}
                          </span>
                        </>
                      ) : (
                        <span className="muted">{t('audit.noActor')}</span>
                      )}
                    </td>
                    <td>
                      <AuditDetails entry={entry} names={names} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  )
}

function AuditDetails({ entry, names }: { entry: AuditEntry; names: AuditNames }) {
  const { t, i18n } = useTranslation()
  const parts = auditDetails(t, entry, names, i18n.language)
  if (parts.length === 0) return <span className="muted">—</span>
  return (
    <span className="audit-details" dir="auto">
      {parts.join(t('newcomer.audit.separator'))}
    </span>
  )
}
