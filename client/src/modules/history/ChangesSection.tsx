// /i/<id>/history: what changed since my last visit — the initiative's documents others edited
// since the person last opened them, by whom, a digest of the changes (the compare one click
// away); a document is marked as seen when it is opened, or here by hand.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocumentChangesView } from '@common-ground/domain'
import { Button, Card, EmptyState, StatusPill, type Tone } from '../../design/index.ts'
import { listChanges, markSeen } from '../../api/history.ts'
import { useResource } from '../../api/useResource.ts'
import { Link } from '../../router/Link.tsx'
import { ResourceStatus } from '../../screens/ResourceStatus.tsx'
import { formatDateTime } from '../../screens/format.ts'
import type { SectionProps } from '../types.ts'
import { cellLabel, documentHref, documentTitle, historyPath } from './documentTitles.ts'
import { useNames } from './useNames.ts'
import './history.css'
import { personName } from '../../screens/account/personName.ts'

const TONES: Record<DocumentChangesView['status'], Tone> = { changed: 'warning', new: 'accent', unchanged: 'neutral' }

export function ChangesSection({ initiative }: SectionProps) {
  const { t } = useTranslation()
  const { state, reload, set } = useResource((signal) => listChanges(initiative.id, signal), [initiative.id])
  const { partnerNames, indicatorNames } = useNames(initiative.id)
  const [busy, setBusy] = useState(false)
  const documents = state.status === 'ready' ? state.data.documents : []
  const pending = documents.filter((d) => d.status !== 'unchanged')
  const upToDate = documents.filter((d) => d.status === 'unchanged')

  const seen = async (names: string[]) => {
    setBusy(true)
    try {
      await Promise.all(names.map((name) => markSeen(initiative.id, name)))
      if (state.status === 'ready') set(await listChanges(initiative.id))
    } catch {
      reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="stack">
      <Card title={t('history.changesTitle')} description={t('history.changesDescription')} aria-busy={state.status === 'loading'}>
        <ResourceStatus state={state} reload={reload} loadingLabel={t('history.loading')} errorTitle={t('history.errorTitle')} />
        {state.status === 'ready' && pending.length === 0 && <EmptyState title={t('history.allSeenTitle')} description={t('history.allSeenDescription')} />}
        {pending.length > 1 && (
          <div className="changes__actions">
            <Button size="sm" variant="ghost" disabled={busy} onClick={() => void seen(pending.map((d) => d.document))}>
              {t('history.markAllSeen')}
            </Button>
          </div>
        )}
        {pending.length > 0 && (
          <ul className="changes plain-list">
            {pending.map((d) => (
              <ChangedDocument
                key={d.document}
                change={d}
                title={documentTitle(t, d.document, partnerNames)}
                partnerNames={partnerNames}
                indicatorNames={indicatorNames}
                busy={busy}
                onSeen={() => void seen([d.document])}
                initiativeId={initiative.id}
              />
            ))}
          </ul>
        )}
      </Card>
      {upToDate.length > 0 && (
        <Card title={t('history.upToDateList')} headingLevel={2}>
          <ul className="plain-list changes__uptodate">
            {upToDate.map((d) => (
              <li key={d.document}>
                <Link href={documentHref(d.document)} dir="auto">
                  {documentTitle(t, d.document, partnerNames)}
                </Link>
                {d.latestSeq > 0 && (
                  <>
                    {' · '}
                    <Link href={historyPath(initiative.id, d.document)}>{t('history.historyLink')}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  )
}

function ChangedDocument({
  change,
  title,
  partnerNames,
  indicatorNames,
  busy,
  onSeen,
  initiativeId,
}: {
  change: DocumentChangesView
  title: string
  partnerNames: ReadonlyMap<string, string>
  indicatorNames: ReadonlyMap<string, string>
  busy: boolean
  onSeen: () => void
  initiativeId: string
}) {
  const { t, i18n } = useTranslation()
  const names = change.authors.map((a) => (a.name === null ? t('history.someone') : personName(t, a.name))).join(t('common.listSeparator'))
  const when = (iso: string) => formatDateTime(iso, i18n.language)
  const digest = change.digest
  return (
    <li className="changes__doc" data-document={change.document} data-status={change.status}>
      <div className="changes__head">
        <h3 className="changes__title" dir="auto">
          {title}
        </h3>
        <StatusPill tone={TONES[change.status]}>{t(`history.status.${change.status}`)}</StatusPill>
      </div>
      <p className="muted">
        {names && <span dir="auto">{t(change.status === 'new' ? 'history.writtenBy' : 'history.changedBy', { names })}</span>}
        {change.versions > 0 && <> · {t('history.versionsCount', { count: change.versions })}</>}
        {change.lastChangedAt && <> · {t('history.lastChange', { when: when(change.lastChangedAt) })}</>}
        {' · '}
        {change.seenAt ? t('history.seenAt', { when: when(change.seenAt) }) : t('history.neverSeen')}
      </p>
      {digest && (
        <div className="changes__digest stack stack--tight">
          <p>{t('history.digest', { inserted: digest.inserted, deleted: digest.deleted, items: digest.changedItems })}</p>
          {digest.excerpts.length > 0 && (
            <ul className="plain-list changes__excerpts">
              {digest.excerpts.map((e, i) => {
                const Tag = e.op === 'insert' ? 'ins' : 'del'
                const who = e.author
                  ? t(e.op === 'insert' ? 'history.inserted' : 'history.deleted', { name: personName(t, e.author.name) })
                  : t(e.op === 'insert' ? 'history.insertedAnon' : 'history.deletedAnon')
                return (
                  <li key={i}>
                    <span className="muted">{who}: </span>
                    <Tag dir="auto">{e.text}</Tag>
                  </li>
                )
              })}
            </ul>
          )}
          {digest.items.length > 0 && (
            <ul className="plain-list changes__items">
              {digest.items.map((item) => (
                <li key={`${item.kind}:${item.id}`} dir="auto">
                  {t(`history.itemKinds.${item.kind}`)} · {t(`history.changeKinds.${item.change}`)}:{' '}
                  {item.kind === 'cell' ? cellLabel(item.id, indicatorNames, partnerNames) : (item.label ?? item.id)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="changes__links">
        {change.seenSeq !== null && change.status === 'changed' && (
          <Link
            href={historyPath(initiativeId, change.document, { from: change.seenSeq, to: change.latestSeq })}
            className="btn btn--primary btn--sm"
            data-action="see-changes"
          >
            {t('history.seeChanges')}
          </Link>
        )}
        <Link href={documentHref(change.document)} className="btn btn--secondary btn--sm">
          {t('history.openDocument')}
        </Link>
        <Link href={historyPath(initiativeId, change.document)}>{t('history.historyLink')}</Link>
        <Button size="sm" variant="ghost" disabled={busy} onClick={onSeen}>
          {t('history.markSeen')}
        </Button>
      </div>
    </li>
  )
}
