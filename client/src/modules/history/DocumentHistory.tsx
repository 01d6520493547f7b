// /i/<id>/history/<document key>: one document's history — the timeline of versions with their
// authors (filtered by person, period, named only), the compare of any two versions, naming the
// current version and restoring one (for who may edit the whole document; the server decides).
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { roleMay, type CompareAnswer, type VersionAnswerView } from '@common-ground/domain'
import { Button, Card, ConfirmButton, EmptyState, Notice, SelectField, StatusPill, TextField } from '../../design/index.ts'
import { compareVersions, listVersions, nameVersion, restoreVersion, type VersionFilter } from '../../api/history.ts'
import { useResource } from '../../api/useResource.ts'
import { useMembers } from '../../api/usePartners.ts'
import { Link } from '../../router/Link.tsx'
import { initiativePath } from '../../router/routes.ts'
import { ResourceStatus } from '../../screens/ResourceStatus.tsx'
import { formatDateTime } from '../../screens/format.ts'
import { usePageTitle } from '../../screens/usePageTitle.ts'
import type { SectionItemProps } from '../types.ts'
import { CompareView } from './CompareView.tsx'
import { documentHref, documentOfKey, documentTitle } from './documentTitles.ts'
import { useNames } from './useNames.ts'
import './history.css'
import { personName } from '../../screens/account/personName.ts'

/** A `yyyy-mm-dd` date as the start (or the end) of that day, in local time. */
function dayBound(value: string, end: boolean): string | undefined {
  if (!value) return undefined
  const date = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

function initialPair(): { from: number; to: number } | null {
  const query = new URLSearchParams(window.location.search)
  const from = Number(query.get('from'))
  const to = Number(query.get('to'))
  return query.has('from') && query.has('to') && Number.isInteger(from) && Number.isInteger(to) && from <= to ? { from, to } : null
}

export function DocumentHistory({ initiative, itemId }: SectionItemProps) {
  const { t, i18n } = useTranslation()
  const document = documentOfKey(initiative.id, itemId)
  const { partnerNames, indicatorNames } = useNames(initiative.id)
  const title = documentTitle(t, document, partnerNames)
  usePageTitle(t('history.pageTitle', { title }))
  const members = useMembers(initiative.id)
  const [draft, setDraft] = useState({ person: '', since: '', until: '', named: false })
  const [filter, setFilter] = useState<VersionFilter>({})
  const [rangeError, setRangeError] = useState<string | null>(null)
  const [refresh, setRefresh] = useState(0)
  const versions = useResource((signal) => listVersions(initiative.id, document, filter, signal), [initiative.id, document, filter, refresh])
  const [pair, setPair] = useState<{ from: number; to: number } | null>(initialPair)
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const canEdit = roleMay(initiative.role, 'document.restore')

  const list = useMemo(() => (versions.state.status === 'ready' ? versions.state.data.versions : []), [versions.state])
  const latestSeq = versions.state.status === 'ready' ? versions.state.data.latestSeq : 0
  // Without a choice: the newest version against the one before it.
  const shown = pair ?? (list[0] ? { from: list[0].fromSeq - 1, to: list[0].seq } : null)
  const compare = useResource<CompareAnswer>(shown ? (signal) => compareVersions(initiative.id, document, shown.from, shown.to, signal) : null, [
    initiative.id,
    document,
    shown?.from,
    shown?.to,
    refresh,
  ])

  const when = (iso: string) => formatDateTime(iso, i18n.language)
  const byTo = useMemo(() => new Map(list.map((v) => [v.seq, v])), [list])
  const select = (v: VersionAnswerView) => {
    setPair({ from: v.fromSeq - 1, to: v.seq })
    setMessage(null)
  }
  const apply = (event: FormEvent) => {
    event.preventDefault()
    if (draft.since && draft.until && draft.since > draft.until) return setRangeError(t('history.rangeInvalid'))
    setRangeError(null)
    setFilter({ person: draft.person || undefined, since: dayBound(draft.since, false), until: dayBound(draft.until, true), named: draft.named })
  }
  const restore = async (seq: number) => {
    try {
      const answer = await restoreVersion(initiative.id, document, seq)
      setMessage({ tone: 'success', text: t(answer.version ? 'history.restored' : 'history.restoredSame') })
      if (answer.version) setPair({ from: answer.version.fromSeq - 1, to: answer.version.seq })
      setRefresh((n) => n + 1)
    } catch (error) {
      setMessage({ tone: 'error', text: t('history.restoreFailed', { message: error instanceof Error ? error.message : String(error) }) })
    }
  }
  const memberOptions = members.state.status === 'ready' ? members.state.data.map((m) => ({ value: m.userId, label: m.name })) : []
  const selected = shown ? byTo.get(shown.to) : undefined

  return (
    <div className="history stack">
      <div className="section-heading">
        <h2 className="section-title" dir="auto">
          {t('history.pageTitle', { title })}
        </h2>
        <div className="history__links">
          <Link href={documentHref(document)}>{t('history.openDocument')}</Link>
          <Link href={initiativePath(initiative.id, 'history')}>{t('history.backToChanges')}</Link>
        </div>
      </div>
      <div className="history__layout">
        <aside className="history__timeline stack" aria-label={t('history.timeline')}>
          {canEdit && <NameVersion initiativeId={initiative.id} document={document} onNamed={() => setRefresh((n) => n + 1)} />}
          <form className="history__filters" onSubmit={apply} aria-label={t('history.filters')}>
            <SelectField
              label={t('history.person')}
              value={draft.person}
              options={[{ value: '', label: t('history.everyone') }, ...memberOptions]}
              onChange={(e) => setDraft({ ...draft, person: e.target.value })}
            />
            <TextField label={t('history.since')} type="date" value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.target.value })} />
            <TextField
              label={t('history.until')}
              type="date"
              value={draft.until}
              error={rangeError}
              onChange={(e) => setDraft({ ...draft, until: e.target.value })}
            />
            <label className="choice">
              <input type="checkbox" checked={draft.named} onChange={(e) => setDraft({ ...draft, named: e.target.checked })} /> {t('history.namedOnly')}
            </label>
            <div className="history__filter-actions">
              <Button type="submit" variant="primary" size="sm">
                {t('history.applyFilters')}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setDraft({ person: '', since: '', until: '', named: false })
                  setRangeError(null)
                  setFilter({})
                }}
              >
                {t('history.clearFilters')}
              </Button>
            </div>
          </form>
          <h3 className="history__subtitle">{t('history.timeline')}</h3>
          <ResourceStatus state={versions.state} reload={versions.reload} loadingLabel={t('history.timelineLoading')} errorTitle={t('history.timelineError')} />
          {versions.state.status === 'ready' && list.length === 0 && <p className="muted">{t('history.noVersions')}</p>}
          <ol className="history__versions plain-list">
            {list.map((v) => (
              <li key={v.seq}>
                <button type="button" className="version" aria-pressed={shown?.to === v.seq} data-seq={v.seq} onClick={() => select(v)}>
                  <span className="version__when">{when(v.endedAt)}</span>
                  <span className="version__badges">
                    {v.current && <StatusPill tone="accent">{t('history.current')}</StatusPill>}
                    {v.endorsements.map((e) => (
                      <StatusPill key={`${e.partnerId}:${e.at}`} tone="success" className="version__endorsement" dir="auto">
                        {t('history.endorsedBy', { partner: partnerNames.get(e.partnerId) ?? e.partnerId })}
                      </StatusPill>
                    ))}
                    {v.names.map((n) => (
                      <StatusPill key={n.createdAt} tone="success" dir="auto">
                        {n.name}
                      </StatusPill>
                    ))}
                  </span>
                  {v.restoredFrom !== null && (
                    <span className="version__restore muted">
                      {t('history.restoredFrom', { when: byTo.get(v.restoredFrom) ? when(byTo.get(v.restoredFrom)!.endedAt) : `#${v.restoredFrom}` })}
                    </span>
                  )}
                  <span className="version__authors muted" dir="auto">
                    {v.authors
                      .map((a) => t('history.editsBy', { name: a.name === null ? t('history.unknownAuthor') : personName(t, a.name), count: a.edits }))
                      .join(t('common.listSeparator'))}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </aside>
        <section className="history__compare stack" aria-labelledby="compare-heading">
          <div className="history__compare-head">
            <h3 id="compare-heading" className="history__subtitle">
              {t('history.compareTitle')}
            </h3>
            <Button size="sm" variant="ghost" onClick={() => setRefresh((n) => n + 1)}>
              {t('history.refresh')}
            </Button>
          </div>
          {shown && (
            <SelectField
              label={t('history.compareWith')}
              value={String(shown.from)}
              options={[
                ...list.filter((v) => v.seq < shown.to).map((v) => ({ value: String(v.seq), label: t('history.versionOf', { when: when(v.endedAt) }) })),
                ...(list.some((v) => v.seq === shown.from) ? [] : shown.from > 0 ? [{ value: String(shown.from), label: `#${shown.from}` }] : []),
                { value: '0', label: t('history.emptyDocument') },
              ]}
              onChange={(e) => setPair({ from: Number(e.target.value), to: shown.to })}
            />
          )}
          {message && <Notice tone={message.tone}>{message.text}</Notice>}
          {!shown && versions.state.status === 'ready' && <EmptyState title={t('history.noVersions')} />}
          {shown && (
            <ResourceStatus state={compare.state} reload={compare.reload} loadingLabel={t('history.comparing')} errorTitle={t('history.compareError')} />
          )}
          {shown && compare.state.status === 'ready' && <CompareView answer={compare.state.data} partnerNames={partnerNames} indicatorNames={indicatorNames} />}
          {shown && selected && !selected.current && shown.to !== latestSeq && canEdit && (
            <Card className="history__restore">
              <ConfirmButton
                label={t('history.restore')}
                confirmLabel={t('history.restoreConfirm')}
                cancelLabel={t('history.cancel')}
                question={t('history.restoreQuestion')}
                onConfirm={() => restore(shown.to)}
              />
            </Card>
          )}
        </section>
      </div>
    </div>
  )
}

function NameVersion({ initiativeId, document, onNamed }: { initiativeId: string; document: string; onNamed: () => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    setBusy(true)
    try {
      await nameVersion(initiativeId, document, name.trim())
      setResult({ tone: 'success', text: t('history.named', { name: name.trim() }) })
      setName('')
      onNamed()
    } catch (error) {
      setResult({ tone: 'error', text: t('history.nameFailed', { message: error instanceof Error ? error.message : String(error) }) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="history__name stack stack--tight" onSubmit={submit} aria-label={t('history.nameTitle')}>
      <TextField
        label={t('history.nameTitle')}
        placeholder={t('history.namePlaceholder')}
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        dir="auto"
      />
      <Button type="submit" size="sm" disabled={busy || !name.trim()}>
        {t('history.nameSubmit')}
      </Button>
      {result && <Notice tone={result.tone}>{result.text}</Notice>}
    </form>
  )
}
