// @vitest-environment happy-dom
// The audit log's details in words, in English and Hebrew: names instead of ids, labels instead
// of codes, no `type: … · id: …`.
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../api/types.ts'
import { i18next } from '../../i18n/index.ts'
import { auditDetails, type AuditNames } from './auditDetails.ts'

const names: AuditNames = {
  person: (id) => (id === 'u-miriam' ? 'Miriam Azoulay' : null),
  partner: (id) => (id === 'municipality' ? "Be'er Sheva Municipality" : null),
}

function entry(action: string, fields: Partial<AuditEntry> = {}): AuditEntry {
  return { id: 'a1', at: '2026-03-05T10:00:00.000Z', action, actor: null, target: null, details: {}, ip: null, ...fields }
}

const details = (language: string, e: AuditEntry) => auditDetails(i18next.getFixedT(language), e, names, language)

const SAMPLES: AuditEntry[] = [
  entry('auth.signin', { target: { type: 'user', id: 'u-noa' }, ip: '203.0.113.7' }),
  entry('member.role_changed', {
    target: { type: 'member', id: 'u-miriam' },
    details: { from: { role: 'participant', partnerId: null }, to: { role: 'partner', partnerId: 'municipality' } },
  }),
  entry('member.removed', { target: { type: 'member', id: 'u-gone' }, details: { role: 'participant', partnerId: null } }),
  entry('invitation.created', {
    target: { type: 'invitation', id: 'inv-1' },
    details: { role: 'backbone', partnerId: null, email: 'new@example.org', expiresAt: '2026-03-12T10:00:00.000Z' },
  }),
  entry('partner.created', { target: { type: 'partner', id: 'p1' }, details: { name: 'Negev Co-op', sector: 'business' } }),
  entry('initiative.updated', { target: { type: 'initiative', id: 'c2c' }, details: { fields: ['name', 'geography'] } }),
  entry('measurement.imported', { details: { rows: 12, created: 3, updated: 4, unchanged: 5 } }),
  entry('agenda.endorsed', { target: { type: 'partner', id: 'municipality' }, details: { version: 4, document: 'i/c2c/agenda', name: 'Yossi' } }),
]

describe('auditDetails', () => {
  it('says in English who and what, by name and label', () => {
    expect(details('en', SAMPLES[0]!)).toEqual(['from 203.0.113.7'])
    expect(details('en', SAMPLES[1]!)).toEqual(['Miriam Azoulay', "Participant → Partner executive (Be'er Sheva Municipality)"])
    expect(details('en', SAMPLES[2]!)).toEqual(['a former member', 'was Participant'])
    expect(details('en', SAMPLES[3]!)).toEqual(['new@example.org', 'as Backbone staff', 'expires Mar 12, 2026'])
    expect(details('en', SAMPLES[4]!)).toEqual(['“Negev Co-op”', 'Sector: Business'])
    expect(details('en', SAMPLES[5]!)).toEqual(['Changed: name, geography'])
    expect(details('en', SAMPLES[6]!)).toEqual(['Rows: 12 (3 new, 4 updated, 5 unchanged)'])
    expect(details('en', SAMPLES[7]!)).toEqual(["for Be'er Sheva Municipality", 'version 4'])
  })

  it('says it in Hebrew, dates in Hebrew too', () => {
    const he = i18next.getFixedT('he')
    expect(details('he', SAMPLES[1]!)).toEqual(['Miriam Azoulay', `${he('roles.participant')} ← ${he('roles.partner')} (Be'er Sheva Municipality)`])
    const invitation = details('he', SAMPLES[3]!)
    expect(invitation[2]).toBe(`בתוקף עד ${new Intl.DateTimeFormat('he', { dateStyle: 'medium' }).format(new Date('2026-03-12T10:00:00.000Z'))}`)
    for (const sample of SAMPLES) {
      const text = details('he', sample).join(' ')
      expect(text, sample.action).not.toBe(details('en', sample).join(' '))
    }
  })

  it('never shows a target type or id, whatever the action', () => {
    for (const language of ['en', 'he']) {
      for (const sample of [...SAMPLES, entry('future.thing', { target: { type: 'token', id: 'tok-123' }, details: { note: 'kept', nested: { id: 'x' } } })]) {
        const text = details(language, sample).join(' ')
        expect(text).not.toMatch(/type:|id:|u-miriam|u-gone|inv-1|tok-123/)
      }
    }
    expect(details('en', entry('future.thing', { details: { note: 'kept', nested: { id: 'x' } } }))).toEqual(['kept'])
  })
})
