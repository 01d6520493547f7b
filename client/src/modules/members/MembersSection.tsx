// /i/<id>/members: the members with their roles (backbone staff change roles and partners and
// remove members) and, for backbone staff, invitations: create a link, copy it, list, revoke.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { INVITATION_EXPIRY_DAYS_DEFAULT, INVITATION_EXPIRY_DAYS_MAX, INVITATION_EXPIRY_DAYS_MIN, ROLES, roleMay, type Role } from '@common-ground/domain'
import { Button, Card, ConfirmButton, CopyField, EmptyState, Notice, SelectField, StatusPill, TextField, type Tone } from '../../design/index.ts'
import { createInvitation, listInvitations, removeMember, revokeInvitation, updateMember } from './api.ts'
import { errorMessage, fieldError } from '../../api/errorMessage.ts'
import { useResource } from '../../api/useResource.ts'
import type { Invitation, Member, Partner } from '../../api/types.ts'
import { refreshSession, useSession } from '../../session/sessionStore.ts'
import { navigate } from '../../router/router.ts'
import { formatDate } from '../../screens/format.ts'
import { roleTone } from '../../screens/labels.ts'
import type { SectionProps } from '../types.ts'
import { useMembers, usePartners } from '../../api/usePartners.ts'
import { ResourceStatus } from '../../screens/ResourceStatus.tsx'
import { PasswordResetButton, PasswordResetLink, type IssuedReset } from '../../screens/account/PasswordReset.tsx'

export function MembersSection({ initiative }: SectionProps) {
  const { t } = useTranslation()
  const members = useMembers(initiative.id)
  const partners = usePartners(initiative.id)
  const partnerList = partners.state.status === 'ready' ? partners.state.data.partners : []
  return (
    <div className="stack">
      <Card title={t('members.title')} description={t('members.description')} aria-busy={members.state.status === 'loading'}>
        <ResourceStatus state={members.state} reload={members.reload} loadingLabel={t('members.loading')} errorTitle={t('members.errorTitle')} />
        {members.state.status === 'ready' && (
          <MembersTable
            initiativeId={initiative.id}
            manage={roleMay(initiative.role, 'member.update')}
            resetLinks={roleMay(initiative.role, 'member.password_reset')}
            members={members.state.data}
            partners={partnerList}
            onChanged={members.reload}
          />
        )}
      </Card>
      {roleMay(initiative.role, 'invitation.read') && <Invitations initiativeId={initiative.id} partners={partnerList} />}
    </div>
  )
}

function partnerName(partners: Partner[], id: string | null): string {
  if (!id) return ''
  return partners.find((p) => p.id === id)?.name ?? id
}

function MembersTable({
  initiativeId,
  manage,
  resetLinks,
  members,
  partners,
  onChanged,
}: {
  initiativeId: string
  manage: boolean
  resetLinks: boolean
  members: Member[]
  partners: Partner[]
  onChanged: () => void
}) {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const me = session.status === 'signedIn' ? session.user.id : null
  const [editing, setEditing] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [reset, setReset] = useState<IssuedReset | null>(null)
  if (members.length === 0) return <EmptyState title={t('members.emptyTitle')} />
  return (
    <div className="stack">
      {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
      {reset && <PasswordResetLink reset={reset} onDismiss={() => setReset(null)} />}
      <div className="table-wrap">
        <table className="table members-table">
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('members.partner')}</th>
              <th scope="col">{t('members.joined')}</th>
              <th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) =>
              editing === member.userId ? (
                <tr key={member.userId} data-member={member.email}>
                  <td colSpan={5}>
                    <EditMember
                      initiativeId={initiativeId}
                      member={member}
                      partners={partners}
                      onDone={(changed) => {
                        setEditing(null)
                        if (changed) {
                          onChanged()
                          if (member.userId === me) void refreshSession()
                        }
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={member.userId} data-member={member.email}>
                  <td>
                    <span className="member-name" dir="auto">
                      {member.name}
                    </span>
                    {member.userId === me && <span className="muted"> {t('presence.you')}</span>}
                    <br />
                    <span className="muted" dir="ltr">
                      {member.email}
                    </span>
                  </td>
                  <td>
                    <StatusPill tone={roleTone(member.role)} data-role={member.role}>
                      {t(`roles.${member.role}`)}
                    </StatusPill>
                  </td>
                  <td dir="auto">{partnerName(partners, member.partnerId) || <span className="muted">—</span>}</td>
                  <td>{formatDate(member.joinedAt, i18n.language)}</td>
                  <td>
                    <div className="table__actions">
                      {manage && (
                        <Button size="sm" onClick={() => setEditing(member.userId)} data-action="change-role">
                          {t('members.changeRole')}
                          <span className="sr-only"> – {member.name}</span>
                        </Button>
                      )}
                      {resetLinks && member.userId !== me && (
                        <PasswordResetButton
                          initiativeId={initiativeId}
                          member={member}
                          onIssued={(issued) => {
                            setError(null)
                            setReset(issued)
                          }}
                          onError={setError}
                        />
                      )}
                      {(manage || member.userId === me) && (
                        <ConfirmButton
                          label={member.userId === me ? t('members.leave') : t('members.remove')}
                          question={member.userId === me ? t('members.leaveQuestion') : t('members.removeQuestion', { name: member.name })}
                          target={member.userId === me ? undefined : member.name}
                          confirmLabel={member.userId === me ? t('members.leave') : t('members.remove')}
                          cancelLabel={t('common.cancel')}
                          onConfirm={async () => {
                            setError(null)
                            try {
                              await removeMember(initiativeId, member.userId)
                              if (member.userId === me) {
                                await refreshSession()
                                navigate('/')
                              } else onChanged()
                            } catch (caught) {
                              setError(caught)
                            }
                          }}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  )
}

function EditMember({
  initiativeId,
  member,
  partners,
  onDone,
}: {
  initiativeId: string
  member: Member
  partners: Partner[]
  onDone: (changed: boolean) => void
}) {
  const { t } = useTranslation()
  const [role, setRole] = useState<Role>(member.role)
  const [partnerId, setPartnerId] = useState(member.partnerId ?? partners[0]?.id ?? '')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await updateMember(initiativeId, member.userId, role === 'partner' ? { role, partnerId } : { role })
      onDone(true)
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label={t('members.changeRoleOf', { name: member.name })}>
      {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
      <div className="form-grid">
        <SelectField
          label={t('members.roleOf', { name: member.name })}
          value={role}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={(event) => setRole(event.target.value as Role)}
        />
        {role === 'partner' && (
          <SelectField
            label={t('members.partner')}
            value={partnerId}
            options={partners.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(event) => setPartnerId(event.target.value)}
            error={partners.length === 0 ? t('invitations.noPartners') : fieldError(t, error, 'partnerId')}
          />
        )}
      </div>
      <div className="row row--end">
        <Button variant="ghost" onClick={() => onDone(false)} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" disabled={busy || (role === 'partner' && !partnerId)}>
          {busy ? t('common.saving') : t('common.save')}
        </Button>
      </div>
    </form>
  )
}

const STATUS_TONE: Record<Invitation['status'], Tone> = { pending: 'accent', accepted: 'success', expired: 'neutral', revoked: 'danger' }

function Invitations({ initiativeId, partners }: { initiativeId: string; partners: Partner[] }) {
  const { t, i18n } = useTranslation()
  const { state, reload } = useResource((signal) => listInvitations(initiativeId, signal).then((a) => a.invitations), [initiativeId])
  const [error, setError] = useState<unknown>(null)
  return (
    <>
      <Card title={t('invitations.createTitle')} description={t('invitations.createDescription')}>
        <CreateInvitation initiativeId={initiativeId} partners={partners} onCreated={reload} />
      </Card>
      <Card title={t('invitations.title')} aria-busy={state.status === 'loading'}>
        {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
        <ResourceStatus state={state} reload={reload} loadingLabel={t('invitations.loading')} errorTitle={t('invitations.errorTitle')} />
        {state.status === 'ready' && state.data.length === 0 && (
          <EmptyState title={t('invitations.emptyTitle')} description={t('invitations.emptyDescription')} />
        )}
        {state.status === 'ready' && state.data.length > 0 && (
          <div className="table-wrap">
            <table className="table invitations-table">
              <thead>
                <tr>
                  <th scope="col">{t('members.role')}</th>
                  <th scope="col">{t('invitations.for')}</th>
                  <th scope="col">{t('invitations.status')}</th>
                  <th scope="col">{t('invitations.expires')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.data.map((invitation) => (
                  <tr key={invitation.id} data-invitation={invitation.id} data-status={invitation.status}>
                    <td>
                      {t(`roles.${invitation.role}`)}
                      {invitation.partnerId && (
                        <>
                          <br />
                          <span className="muted" dir="auto">
                            {partnerName(partners, invitation.partnerId)}
                          </span>
                        </>
                      )}
                    </td>
                    <td dir={invitation.email ? 'ltr' : undefined}>{invitation.email || <span className="muted">{t('invitations.anyone')}</span>}</td>
                    <td>
                      <StatusPill tone={STATUS_TONE[invitation.status]}>{t(`invitations.statuses.${invitation.status}`)}</StatusPill>
                    </td>
                    <td>{formatDate(invitation.expiresAt, i18n.language)}</td>
                    <td>
                      <div className="table__actions">
                        {invitation.status === 'pending' && (
                          <ConfirmButton
                            label={t('invitations.revoke')}
                            question={t('invitations.revokeQuestion')}
                            confirmLabel={t('invitations.revoke')}
                            cancelLabel={t('common.cancel')}
                            onConfirm={async () => {
                              setError(null)
                              try {
                                await revokeInvitation(initiativeId, invitation.id)
                                reload()
                              } catch (caught) {
                                setError(caught)
                              }
                            }}
                          />
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  )
}

function CreateInvitation({ initiativeId, partners, onCreated }: { initiativeId: string; partners: Partner[]; onCreated: () => void }) {
  const { t } = useTranslation()
  const [role, setRole] = useState<Role>('participant')
  const [partnerId, setPartnerId] = useState('')
  const [email, setEmail] = useState('')
  const [days, setDays] = useState(String(INVITATION_EXPIRY_DAYS_DEFAULT))
  const [error, setError] = useState<unknown>(null)
  const [invalid, setInvalid] = useState<{ partner?: string; days?: string }>({})
  const [busy, setBusy] = useState(false)
  const [link, setLink] = useState<string | null>(null)
  const chosenPartner = partnerId || partners[0]?.id || ''

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problems: typeof invalid = {}
    const expiresInDays = Number(days)
    if (!Number.isInteger(expiresInDays) || expiresInDays < INVITATION_EXPIRY_DAYS_MIN || expiresInDays > INVITATION_EXPIRY_DAYS_MAX)
      problems.days = t('invitations.daysInvalid')
    if (role === 'partner' && !chosenPartner) problems.partner = t('invitations.noPartners')
    setInvalid(problems)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setError(null)
    setLink(null)
    try {
      const answer = await createInvitation(initiativeId, {
        role,
        ...(role === 'partner' ? { partnerId: chosenPartner } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        expiresInDays,
      })
      setLink(new URL(answer.path, window.location.origin).toString())
      onCreated()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={t('invitations.createTitle')}>
      {error !== null && <Notice tone="error">{errorMessage(t, error)}</Notice>}
      <div className="form-grid">
        <SelectField
          label={t('invitations.role')}
          value={role}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={(event) => setRole(event.target.value as Role)}
          hint={t(`roles.${role}Hint`)}
        />
        {role === 'partner' && (
          <SelectField
            label={t('invitations.partner')}
            value={chosenPartner}
            options={partners.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(event) => setPartnerId(event.target.value)}
            error={invalid.partner ?? fieldError(t, error, 'partnerId')}
          />
        )}
        <TextField
          label={t('invitations.email')}
          hint={t('invitations.emailHint')}
          type="email"
          dir="ltr"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldError(t, error, 'email')}
        />
        <TextField
          label={t('invitations.expiresIn')}
          hint={t('invitations.expiresInHint')}
          type="number"
          min={INVITATION_EXPIRY_DAYS_MIN}
          max={INVITATION_EXPIRY_DAYS_MAX}
          inputMode="numeric"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          error={invalid.days ?? fieldError(t, error, 'expiresInDays')}
        />
      </div>
      <div className="row row--end">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('invitations.creating') : t('invitations.create')}
        </Button>
      </div>
      {link && (
        <div className="stack invitation-link">
          <Notice tone="success">{t('invitations.created')}</Notice>
          <CopyField
            label={t('invitations.link')}
            value={link}
            copyLabel={t('common.copy')}
            copiedLabel={t('common.copied')}
            hint={t('invitations.linkHint')}
          />
        </div>
      )}
    </form>
  )
}
