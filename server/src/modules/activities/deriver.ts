// The activity map's deriver: the entries of `i/<id>/activities` — activities, strategies,
// relations — as raw JSON per id, each with its provenance (the change that last touched it; an
// entry whose content did not change keeps its provenance). Checking them against the agenda and
// the partners, and the coordination check, happen when they are read (views.ts): they depend on
// other documents. The graph's layout is not derived (only the live document needs it).
import { ACTIVITY_ROOTS, entryJson, type Provenance } from '@common-ground/domain'
import type { DeriveInput, Deriver } from '../../derivation/types.ts'

export interface MapEntry {
  raw: Record<string, unknown>
  provenance: Provenance
}

export interface ActivityMapState {
  activities: Record<string, MapEntry>
  strategies: Record<string, MapEntry>
  relations: Record<string, MapEntry>
}

const ROOTS = ['activities', 'strategies', 'relations'] as const

export const activityMapDeriver: Deriver<ActivityMapState> = {
  kind: 'activities',
  version: 1,
  derive(input: DeriveInput<ActivityMapState>): ActivityMapState {
    const { name, doc, seq, time, user, previous, context } = input
    const changedAt = new Date(time).toISOString()
    const changedBy = context.actor(user)
    const next = { activities: {}, strategies: {}, relations: {} } as ActivityMapState
    for (const root of ROOTS) {
      const before = previous?.[root] ?? {}
      const out = next[root]
      for (const [key, value] of doc.getMap(ACTIVITY_ROOTS[root]).entries()) {
        const raw = entryJson(value)
        const old = before[key]
        out[key] = old && JSON.stringify(old.raw) === JSON.stringify(raw) ? old : { raw, provenance: { document: name, blockId: key, changedAt, changedBy, seq } }
      }
    }
    return next
  },
}
