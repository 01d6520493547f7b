import { describe, expect, it } from 'vitest'
import { VERSION_GAP_MS, addUpdate, emptyVersionIndex, findVersion, isVersionPoint, listVersions, markRestore, nameVersion } from './versions.ts'

const MIN = 60_000
const T0 = Date.UTC(2026, 2, 12, 9, 0)

describe('versions: the gap rule over attributed updates', () => {
  it('updates less than 5 minutes apart are one version; a longer pause starts the next', () => {
    const index = emptyVersionIndex()
    const times = [0, 1, 4.9, 9.9, 10, 20].map((m) => T0 + m * MIN)
    const users = ['ada', 'bo', 'ada', 'bo', 'bo', 'ada']
    times.forEach((time, i) => addUpdate(index, { seq: i + 1, time, user: users[i]! }))
    expect(index.groups.map((g) => [g.fromSeq, g.toSeq])).toEqual([
      [1, 3],
      [4, 5],
      [6, 6],
    ])
    expect(index.groups[0]!.authors).toEqual({ ada: 2, bo: 1 })
    expect(index.groups.map((g) => g.closed)).toEqual([true, true, false])
    const listed = listVersions(index)
    expect(listed.map((v) => v.seq)).toEqual([6, 5, 3])
    expect(listed[2]!.authors).toEqual([
      { userId: 'ada', edits: 2 },
      { userId: 'bo', edits: 1 },
    ])
    expect(listed[0]!.current).toBe(true)
    // Once the pause is long enough, the newest version is no longer the current one.
    expect(listVersions(index, {}, T0 + 20 * MIN + VERSION_GAP_MS)[0]!.current).toBe(false)
  })

  it('an update already indexed is ignored (replaying a log over the index is safe)', () => {
    const index = emptyVersionIndex()
    addUpdate(index, { seq: 1, time: T0, user: null })
    addUpdate(index, { seq: 2, time: T0, user: null })
    addUpdate(index, { seq: 2, time: T0 + 10 * MIN, user: 'x' })
    expect(index.groups).toHaveLength(1)
    expect(index.groups[0]!.authors).toEqual({ '': 2 })
    expect(listVersions(index)[0]!.authors).toEqual([{ userId: null, edits: 2 }])
  })

  it('naming a version ends it: the next update starts a new one, however soon', () => {
    const index = emptyVersionIndex()
    expect(nameVersion(index, 'too early', T0, 'ada')).toBeNull()
    addUpdate(index, { seq: 1, time: T0, user: 'ada' })
    expect(nameVersion(index, 'Agreed at the 12 March meeting', T0 + 1, 'ada')).toMatchObject({ seq: 1 })
    addUpdate(index, { seq: 2, time: T0 + 2, user: 'ada' })
    expect(index.groups.map((g) => g.toSeq)).toEqual([1, 2])
    expect(listVersions(index, { namedOnly: true }).map((v) => [v.seq, v.names.map((n) => n.name)])).toEqual([[1, ['Agreed at the 12 March meeting']]])
  })

  it('filters by person and by period; finds the version of a seq', () => {
    const index = emptyVersionIndex()
    addUpdate(index, { seq: 1, time: T0, user: 'ada' })
    addUpdate(index, { seq: 2, time: T0 + 60 * MIN, user: 'bo' })
    addUpdate(index, { seq: 3, time: T0 + 120 * MIN, user: 'ada' })
    expect(listVersions(index, { person: 'ada' }).map((v) => v.seq)).toEqual([3, 1])
    expect(listVersions(index, { since: T0 + 30 * MIN, until: T0 + 90 * MIN }).map((v) => v.seq)).toEqual([2])
    expect(findVersion(index, 2)?.toSeq).toBe(2)
    expect(findVersion(index, 9)).toBeNull()
    expect(isVersionPoint(index, 0)).toBe(true)
    expect(isVersionPoint(index, 2)).toBe(true)
    markRestore(index, 3, 1)
    expect(listVersions(index)[0]!.restoredFrom).toBe(1)
  })
})
