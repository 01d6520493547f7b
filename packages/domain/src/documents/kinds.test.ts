import { describe, expect, it } from 'vitest'
import {
  DOCUMENT_KINDS,
  PUBLISHABLE_KINDS,
  activitiesDocumentName,
  agendaDocumentName,
  documentAccess,
  documentExists,
  documentNameOf,
  initiativeDocuments,
  measurementsDocumentName,
  meetingDocumentName,
  parseDocumentName,
  partnerDocumentName,
  type DocumentRef,
} from './kinds.ts'
import { ROLES } from '../roles.ts'
import { checkDocumentName } from '@common-ground/protocol'

describe('the document-kind registry', () => {
  it('names and parses every kind both ways', () => {
    const refs: DocumentRef[] = [
      { initiativeId: 'beer-sheva', kind: 'agenda' },
      { initiativeId: 'beer-sheva', kind: 'partner', partnerId: 'municipality' },
      { initiativeId: 'beer-sheva', kind: 'measurements' },
      { initiativeId: 'beer-sheva', kind: 'activities' },
      { initiativeId: 'beer-sheva', kind: 'meeting', meetingId: 's-steering-2026-03-12' },
    ]
    expect(refs.map((r) => r.kind).sort()).toEqual([...DOCUMENT_KINDS].sort())
    for (const ref of refs) {
      const name = documentNameOf(ref)
      expect(checkDocumentName(name).ok).toBe(true)
      expect(parseDocumentName(name)).toEqual(ref)
    }
    expect(agendaDocumentName('x')).toBe('i/x/agenda')
    expect(partnerDocumentName('x', 'p')).toBe('i/x/partners/p')
    expect(measurementsDocumentName('x')).toBe('i/x/measurements')
    expect(activitiesDocumentName('x')).toBe('i/x/activities')
    expect(meetingDocumentName('x', 'm1')).toBe('i/x/meetings/m1')
  })

  it.each(['agenda', 'i', 'i/x', 'i/X/agenda', 'i/x/agenda/more', 'i/x/partners', 'i/x/partners/P', 'i/x/unknown', 'j/x/agenda'])(
    'belongs to no initiative: %s',
    (name) => expect(parseDocumentName(name)).toBeNull(),
  )

  it('refuses to name a partner page without a valid partner id', () => {
    expect(() => documentNameOf({ initiativeId: 'x', kind: 'partner' })).toThrow()
  })

  it('lists an initiative’s documents and knows which exist', () => {
    const scope = { initiativeId: 'x', partnerIds: ['a', 'b'] }
    expect(initiativeDocuments(scope).map((d) => d.name)).toEqual(['i/x/agenda', 'i/x/partners/a', 'i/x/partners/b', 'i/x/measurements', 'i/x/activities'])
    expect(documentExists({ initiativeId: 'x', kind: 'partner', partnerId: 'a' }, scope)).toBe(true)
    expect(documentExists({ initiativeId: 'x', kind: 'partner', partnerId: 'c' }, scope)).toBe(false)
    expect(documentExists({ initiativeId: 'y', kind: 'agenda' }, scope)).toBe(false)
    // Meetings exist once the meetings module lists them in the scope.
    expect(documentExists({ initiativeId: 'x', kind: 'meeting', meetingId: 'm1' }, scope)).toBe(false)
    const withMeetings = { ...scope, meetingIds: ['m1'] }
    expect(initiativeDocuments(withMeetings).map((d) => d.name)).toContain('i/x/meetings/m1')
    expect(documentExists({ initiativeId: 'x', kind: 'meeting', meetingId: 'm1' }, withMeetings)).toBe(true)
    expect(documentAccess({ initiativeId: 'x', kind: 'meeting', meetingId: 'm1' }, { role: 'participant', partnerId: null, published: true })).toBe('read')
    expect(documentAccess({ initiativeId: 'x', kind: 'meeting', meetingId: 'm1' }, { role: 'partner', partnerId: 'a', published: false })).toBe('edit')
    expect(documentAccess({ initiativeId: 'x', kind: 'meeting', meetingId: 'm1' }, { role: null, partnerId: null, published: true })).toBe('none')
  })

  it('only the agenda is publishable', () => expect(PUBLISHABLE_KINDS).toEqual(['agenda']))

  it('answers the access matrix of docs/permissions.md', () => {
    const agenda: DocumentRef = { initiativeId: 'x', kind: 'agenda' }
    const own: DocumentRef = { initiativeId: 'x', kind: 'partner', partnerId: 'a' }
    const other: DocumentRef = { initiativeId: 'x', kind: 'partner', partnerId: 'b' }
    const table = (published: boolean) =>
      [...ROLES, null].map((role) => [agenda, own, other].map((ref) => documentAccess(ref, { role, partnerId: role === 'partner' ? 'a' : null, published })))
    expect(table(false)).toEqual([
      ['edit', 'edit', 'edit'],
      ['edit', 'edit', 'read'],
      ['read', 'read', 'read'],
      ['none', 'none', 'none'],
    ])
    // Publication opens the agenda to the public; a partner page is never public.
    expect(table(true)[3]).toEqual(['read', 'none', 'none'])
  })
})
