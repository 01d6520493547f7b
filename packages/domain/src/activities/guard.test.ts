import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { partnerActivityGuard, touchedEntries } from './guard.ts'
import { ACTIVITY_ROOTS, removeActivityEntry, writeActivity, writeLayout, writeRelation, writeStrategy } from './map.ts'

/** A server doc and a client doc in sync; `change` returns what the client's provider would send. */
function scenario() {
  const server = new Y.Doc()
  writeActivity(server, 'a-schools01', { title: 'Reading clubs', leadPartnerId: 'schools', goalIds: { 'g-read': true } })
  writeActivity(server, 'a-clinic001', { title: 'Home visits', leadPartnerId: 'clinic' })
  writeStrategy(server, 's-early001', { title: 'Early years' })
  writeRelation(server, 'r-accepted1', { from: 'a-schools01', to: 'a-clinic001', type: 'reinforces', status: 'accepted', proposedBy: '' })
  writeRelation(server, 'r-proposed1', { from: 'a-schools01', to: 'a-clinic001', type: 'dependsOn', status: 'proposed', proposedBy: 'schools' })
  writeRelation(server, 'r-clinicrel', { from: 'a-clinic001', to: 'a-schools01', type: 'dependsOn', status: 'proposed', proposedBy: 'clinic' })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const change = (fn: (doc: Y.Doc) => void): Uint8Array => {
    const updates: Uint8Array[] = []
    const listen = (u: Uint8Array) => updates.push(u)
    client.on('update', listen)
    fn(client)
    client.off('update', listen)
    return Y.mergeUpdates(updates)
  }
  return { server, client, change }
}

const guard = partnerActivityGuard('schools')

describe('the activity map guard of a partner executive', () => {
  it("allows the partner's own activities: new, changed, nested fields, removed", () => {
    const { server, change } = scenario()
    expect(
      guard(
        server,
        change((d) => writeActivity(d, 'a-schools02', { title: 'Summer camp', leadPartnerId: 'schools', contributors: { clinic: 'consulted' } })),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => writeActivity(d, 'a-schools01', { title: 'Reading clubs for all', status: 'active' })),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => writeActivity(d, 'a-schools01', { goalIds: { 'g-read': false, 'g-health': true }, indicators: { 'i-lit': 'increase' } })),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => writeActivity(d, 'a-schools01', { leadPartnerId: 'schools' })),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => removeActivityEntry(d, 'activities', 'a-schools01')),
      ),
    ).toBeNull()
    const fresh = scenario()
    const touched = touchedEntries(
      fresh.server,
      fresh.change((d) => writeActivity(d, 'a-schools01', { budget: 5 })),
    )
    expect(Array.isArray(touched) && touched.map((e) => [e.root, e.key, [...e.fields.keys()]])).toEqual([['activities', 'a-schools01', ['budget']]])
  })

  it("refuses another partner's activity, handing one over, a new activity for another and one without a lead", () => {
    const { server, change } = scenario()
    expect(
      guard(
        server,
        change((d) => writeActivity(d, 'a-clinic001', { title: 'mine now' })),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => writeActivity(d, 'a-clinic001', { contributors: { schools: 'responsible' } })),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => removeActivityEntry(d, 'activities', 'a-clinic001')),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => writeActivity(d, 'a-schools01', { leadPartnerId: 'clinic' })),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => writeActivity(d, 'a-new00001', { title: 'x', leadPartnerId: 'clinic' })),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => writeActivity(d, 'a-new00002', { title: 'no lead' })),
      )?.code,
    ).toBe('lead_required')
    expect(
      guard(
        server,
        change((d) => d.getMap(ACTIVITY_ROOTS.activities).set('a-plain0001', { title: 'x', leadPartnerId: 'clinic' })),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => d.getMap(ACTIVITY_ROOTS.activities).set('a-plain0002', { title: 'x', leadPartnerId: 'schools' })),
      ),
    ).toBeNull()
    // Replacing someone else's activity wholesale with one of one's own.
    expect(
      guard(
        server,
        change((d) => d.getMap(ACTIVITY_ROOTS.activities).set('a-clinic001', { leadPartnerId: 'schools' })),
      )?.code,
    ).toBe('other_partner')
  })

  it('refuses a mixed update as a whole', () => {
    const { server, change } = scenario()
    const update = change((d) =>
      d.transact(() => {
        writeActivity(d, 'a-schools01', { title: 'fine' })
        writeActivity(d, 'a-clinic001', { title: 'not fine' })
      }),
    )
    expect(guard(server, update)?.code).toBe('other_partner')
  })

  it('lets the partner propose relations, and change or withdraw only its own proposals', () => {
    const { server, change } = scenario()
    expect(
      guard(
        server,
        change((d) =>
          writeRelation(d, 'r-new00001', { from: 'a-schools01', to: 'a-clinic001', type: 'reinforces', status: 'proposed', proposedBy: 'schools' }),
        ),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => writeRelation(d, 'r-proposed1', { note: 'rooms on Tuesdays' })),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => removeActivityEntry(d, 'relations', 'r-proposed1')),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => writeRelation(d, 'r-new00002', { from: 'a-schools01', to: 'a-clinic001', status: 'accepted', proposedBy: 'schools' })),
      )?.code,
    ).toBe('proposal_only')
    expect(
      guard(
        server,
        change((d) => writeRelation(d, 'r-new00003', { from: 'a-schools01', to: 'a-clinic001', proposedBy: 'schools' })),
      )?.code,
    ).toBe('proposal_only')
    expect(
      guard(
        server,
        change((d) => writeRelation(d, 'r-new00004', { from: 'a-schools01', to: 'a-clinic001', status: 'proposed', proposedBy: 'clinic' })),
      )?.code,
    ).toBe('not_own_proposal')
    expect(
      guard(
        server,
        change((d) => writeRelation(d, 'r-proposed1', { status: 'accepted' })),
      )?.code,
    ).toBe('proposal_only')
    expect(
      guard(
        server,
        change((d) => writeRelation(d, 'r-accepted1', { note: 'x' })),
      )?.code,
    ).toBe('not_own_proposal')
    expect(
      guard(
        server,
        change((d) => removeActivityEntry(d, 'relations', 'r-accepted1')),
      )?.code,
    ).toBe('not_own_proposal')
    expect(
      guard(
        server,
        change((d) => writeRelation(d, 'r-clinicrel', { note: 'x' })),
      )?.code,
    ).toBe('not_own_proposal')
  })

  it('lets anyone arrange the graph; strategies and other root types stay the backbone’s', () => {
    const { server, change } = scenario()
    expect(
      guard(
        server,
        change((d) => writeLayout(d, 'activity:a-clinic001', { x: 1, y: 2 })),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => writeStrategy(d, 's-early001', { title: 'Mine' })),
      )?.code,
    ).toBe('backbone_only')
    expect(
      guard(
        server,
        change((d) => writeStrategy(d, 's-new00001', { title: 'Mine' })),
      )?.code,
    ).toBe('backbone_only')
    expect(
      guard(
        server,
        change((d) => d.getText('notes').insert(0, 'x')),
      )?.code,
    ).toBe('other_root')
    expect(
      guard(
        server,
        change((d) => d.getArray(ACTIVITY_ROOTS.activities).insert(0, [1])),
      )?.code,
    ).toBeDefined()
  })
})
