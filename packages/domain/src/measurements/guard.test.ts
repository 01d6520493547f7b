import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { partnerSheetGuard, touchedCells } from './guard.ts'
import { SHEET_CELLS, cellKey, writeCell } from './sheet.ts'

const at = (partnerId: string, period = '2024') => ({ indicatorId: 'i-abc0000001', period, partnerId, dimension: '', category: '' })

/** A server doc and a client doc in sync; returns what the client's change would send. */
function scenario(seed: (doc: Y.Doc) => void) {
  const server = new Y.Doc()
  seed(server)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  // What a provider sends: the update event of the change (its own deletions only).
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

describe('the measurement sheet guard', () => {
  const guard = partnerSheetGuard('schools')
  const seed = (doc: Y.Doc) => {
    writeCell(doc, at('schools'), { value: 1 })
    writeCell(doc, at('clinic'), { value: 2 })
    writeCell(doc, at(''), { value: 3 })
  }

  it('allows new, overwritten and deleted cells of the own partner', () => {
    const { server, change } = scenario(seed)
    expect(
      guard(
        server,
        change((d) => writeCell(d, at('schools', '2025'), { value: 5, note: 'new' })),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => writeCell(d, at('schools'), { value: 9 })),
      ),
    ).toBeNull()
    expect(
      guard(
        server,
        change((d) => d.getMap(SHEET_CELLS).delete(cellKey(at('schools')))),
      ),
    ).toBeNull()
    expect(
      touchedCells(
        server,
        change((d) => writeCell(d, at('schools', '2023'), { value: 1 })),
      ),
    ).toEqual(new Set([cellKey(at('schools', '2023'))]))
  })

  it("refuses another partner's cells, the initiative-wide row, deletions of them and other root types", () => {
    const { server, change } = scenario(seed)
    expect(
      guard(
        server,
        change((d) => writeCell(d, at('clinic', '2025'), { value: 5 })),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => writeCell(d, at('clinic'), { value: 7 })),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => writeCell(d, at(''), { note: 'mine now' })),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => d.getMap(SHEET_CELLS).delete(cellKey(at('clinic')))),
      )?.code,
    ).toBe('other_partner')
    expect(
      guard(
        server,
        change((d) => d.getText('notes').insert(0, 'x')),
      )?.code,
    ).toBe('other_root')
    expect(
      guard(
        server,
        change((d) => d.getMap('other').set('a', 1)),
      )?.code,
    ).toBe('other_root')
    expect(
      guard(
        server,
        change((d) => d.getMap(SHEET_CELLS).set('not a key', 1)),
      )?.code,
    ).toBe('not_a_cell')
  })

  it('refuses a mixed update as a whole', () => {
    const { server, change } = scenario(seed)
    const update = change((d) =>
      d.transact(() => {
        writeCell(d, at('schools', '2026'), { value: 1 })
        writeCell(d, at('clinic', '2026'), { value: 1 })
      }),
    )
    expect(guard(server, update)?.code).toBe('other_partner')
  })
})
