// The version model of document history: the attributed updates of a document (seq, time, user,
// from its log) grouped into versions. A version is the state after its last update: a group of
// updates ends after `gapMs` (5 minutes) without edits, when someone names the state ("Agreed at
// the 12 March meeting"), or around a restore (a restore is a version of its own). The index is
// plain JSON, kept incrementally one update at a time, so listing never replays the document.

/** Automatic versions: a pause in editing this long (or longer) ends a version. */
export const VERSION_GAP_MS = 5 * 60_000

/** The metadata of one log record (its update bytes are not needed to group). */
export interface UpdateMeta {
  seq: number
  time: number
  user: string | null
}

/** One version: the updates fromSeq..toSeq (inclusive); its state is the document after toSeq. */
export interface VersionGroup {
  fromSeq: number
  toSeq: number
  /** Milliseconds since the epoch of the first and the last update. */
  startedAt: number
  endedAt: number
  /** Updates per author (user id; '' for updates without a user). */
  authors: Record<string, number>
  /** No update joins this version any more (named, or a restore follows or precedes it). */
  closed: boolean
  /** This version is a restore of the version ending at that seq. */
  restoredFrom: number | null
}

/** A name given to a version. */
export interface NamedVersion {
  seq: number
  name: string
  /** Milliseconds since the epoch. */
  createdAt: number
  createdBy: string | null
}

export interface VersionIndexState {
  /** The seq of the last update indexed (0: none). */
  lastSeq: number
  groups: VersionGroup[]
  named: NamedVersion[]
}

export function emptyVersionIndex(): VersionIndexState {
  return { lastSeq: 0, groups: [], named: [] }
}

const authorKey = (user: string | null): string => user ?? ''

/**
 * Adds one update to the index (in seq order; an update at or below `lastSeq` is ignored, so
 * replaying a log over an index is safe). Returns the version it closed, if it started a new one.
 */
export function addUpdate(state: VersionIndexState, update: UpdateMeta, gapMs = VERSION_GAP_MS): VersionGroup | null {
  if (update.seq <= state.lastSeq) return null
  state.lastSeq = update.seq
  const last = state.groups.at(-1)
  if (last && !last.closed && update.time - last.endedAt < gapMs) {
    last.toSeq = update.seq
    last.endedAt = Math.max(last.endedAt, update.time)
    last.authors[authorKey(update.user)] = (last.authors[authorKey(update.user)] ?? 0) + 1
    return null
  }
  if (last) last.closed = true
  state.groups.push({
    fromSeq: update.seq,
    toSeq: update.seq,
    startedAt: update.time,
    endedAt: update.time,
    authors: { [authorKey(update.user)]: 1 },
    closed: false,
    restoredFrom: null,
  })
  return last ?? null
}

/** Ends the current version (the next update starts a new one). Returns it, or null for an empty document. */
export function closeVersion(state: VersionIndexState): VersionGroup | null {
  const last = state.groups.at(-1)
  if (!last) return null
  last.closed = true
  return last
}

/** Names the current state: ends the current version and records the name. Null for an empty document. */
export function nameVersion(state: VersionIndexState, name: string, at: number, by: string | null): NamedVersion | null {
  const group = closeVersion(state)
  if (!group) return null
  const named: NamedVersion = { seq: group.toSeq, name, createdAt: at, createdBy: by }
  state.named.push(named)
  return named
}

/** Marks the version ending at `seq` as a restore of the version ending at `from` (and closes it). */
export function markRestore(state: VersionIndexState, seq: number, from: number): void {
  const group = findVersion(state, seq)
  if (!group) return
  group.restoredFrom = from
  group.closed = true
}

/** The version whose updates include `seq`, or null. */
export function findVersion(state: VersionIndexState, seq: number): VersionGroup | null {
  let lo = 0
  let hi = state.groups.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const g = state.groups[mid]!
    if (seq < g.fromSeq) hi = mid - 1
    else if (seq > g.toSeq) lo = mid + 1
    else return g
  }
  return null
}

/** Whether `seq` is a version point: the last update of a version (0 is the empty document). */
export function isVersionPoint(state: VersionIndexState, seq: number): boolean {
  return seq === 0 || findVersion(state, seq)?.toSeq === seq
}

export interface VersionFilter {
  /** Only versions this user edited. */
  person?: string
  /** Only versions with an edit at or after / at or before (milliseconds since the epoch). */
  since?: number
  until?: number
  /** Only named versions. */
  namedOnly?: boolean
}

export interface VersionView {
  /** The version's id: the seq of its last update (its state is the document after it). */
  seq: number
  fromSeq: number
  startedAt: number
  endedAt: number
  authors: { userId: string | null; edits: number }[]
  names: NamedVersion[]
  restoredFrom: number | null
  /** The newest version, still growing while people edit (not yet ended by a pause or a name). */
  current: boolean
}

/** The versions that pass the filter, newest first. `now`: the newest is current until a pause of `gapMs` ended it. */
export function listVersions(state: VersionIndexState, filter: VersionFilter = {}, now?: number, gapMs = VERSION_GAP_MS): VersionView[] {
  const names = new Map<number, NamedVersion[]>()
  for (const n of state.named) names.set(n.seq, [...(names.get(n.seq) ?? []), n])
  const out: VersionView[] = []
  for (let i = state.groups.length - 1; i >= 0; i--) {
    const g = state.groups[i]!
    const named = names.get(g.toSeq) ?? []
    if (filter.namedOnly && named.length === 0) continue
    if (filter.person !== undefined && !(filter.person in g.authors)) continue
    if (filter.since !== undefined && g.endedAt < filter.since) continue
    if (filter.until !== undefined && g.startedAt > filter.until) continue
    out.push({
      seq: g.toSeq,
      fromSeq: g.fromSeq,
      startedAt: g.startedAt,
      endedAt: g.endedAt,
      authors: Object.entries(g.authors)
        .map(([user, edits]) => ({ userId: user === '' ? null : user, edits }))
        .sort((a, b) => b.edits - a.edits),
      names: named,
      restoredFrom: g.restoredFrom,
      current: i === state.groups.length - 1 && !g.closed && (now === undefined || now - g.endedAt < gapMs),
    })
  }
  return out
}
