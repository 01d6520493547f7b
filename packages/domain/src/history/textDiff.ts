// The compare of two versions of a rich-text document (a Y.XmlFragment), pure Yjs: the
// characters of each version carry the Yjs id of the item that inserted them, so what was inserted
// and what was deleted between version A and a later version B is decided by identity, not
// guessed by a text diff. Insertions are attributed through the update that made them (its Yjs
// client → the user of its log record), deletions through the update whose delete set covers them.
import * as Y from 'yjs'

export type TextOp = 'equal' | 'insert' | 'delete'

/** A run of consecutive characters with the same fate and author. A block starts with '\n' (its node name in `block`). */
export interface TextRun {
  op: TextOp
  text: string
  /** Who inserted (insert) or deleted (delete) it; null for equal runs or an unknown author. */
  user: string | null
  /** Set on a run that is one block boundary: the node name of the block that starts there. */
  block?: string
}

interface Token {
  key: string
  client: number
  clock: number
  text: string
  block?: string
}

/** The characters and block boundaries of a fragment in document order, each with the id of its item. */
export function fragmentTokens(fragment: Y.XmlFragment | Y.XmlElement): Token[] {
  const out: Token[] = []
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shared type with a child list
  const walk = (type: Y.AbstractType<any>): void => {
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted) continue
      const { client, clock } = item.id
      const content = item.content
      if (content instanceof Y.ContentString) {
        const str = content.str
        for (let i = 0; i < str.length; i++) out.push({ key: `${client}:${clock + i}`, client, clock: clock + i, text: str[i]! })
      } else if (content instanceof Y.ContentType) {
        const child = content.type
        if (child instanceof Y.XmlElement) {
          out.push({ key: `${client}:${clock}`, client, clock, text: '\n', block: child.nodeName })
          walk(child)
        } else if (child instanceof Y.XmlText) walk(child)
      } else if (content instanceof Y.ContentEmbed) {
        out.push({ key: `${client}:${clock}`, client, clock, text: '\uFFFC' })
      }
    }
  }
  walk(fragment)
  return out
}

/** Who made a character (its Yjs client and clock), by the updates that inserted / deleted it. */
export interface Attribution {
  inserter(client: number, clock: number): string | null
  deleter(client: number, clock: number): string | null
}

type Range = { start: number; end: number; user: string | null }

/** The range holding `clock` in a list sorted by start (binary search), or undefined. */
function rangeAt(ranges: readonly Range[] | undefined, clock: number): Range | undefined {
  if (!ranges) return undefined
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const r = ranges[mid]!
    if (clock < r.start) hi = mid - 1
    else if (clock >= r.end) lo = mid + 1
    else return r
  }
  return undefined
}

function sortedRanges(map: Map<number, Range[]>): Map<number, Range[]> {
  for (const list of map.values()) list.sort((a, b) => a.start - b.start)
  return map
}

/** The attribution of the updates between two versions (their log records, in seq order). */
export function attributionOf(
  records: readonly { user: string | null; update: Uint8Array }[],
  knownClients: Readonly<Record<string, string | null>> = {},
): Attribution {
  const inserted = new Map<number, Range[]>()
  const deleted = new Map<number, Range[]>()
  const add = (map: Map<number, Range[]>, client: number, range: Range) => {
    const list = map.get(client)
    if (list) list.push(range)
    else map.set(client, [range])
  }
  for (const record of records) {
    const meta = Y.parseUpdateMeta(record.update)
    for (const [client, to] of meta.to) {
      const from = meta.from.get(client) ?? 0
      if (to > from) add(inserted, client, { start: from, end: to, user: record.user })
    }
    const { ds } = Y.decodeUpdate(record.update)
    for (const [client, items] of ds.clients) for (const d of items) add(deleted, client, { start: d.clock, end: d.clock + d.len, user: record.user })
  }
  sortedRanges(inserted)
  sortedRanges(deleted)
  return {
    inserter: (client, clock) => {
      const hit = rangeAt(inserted.get(client), clock)
      return hit ? hit.user : (knownClients[String(client)] ?? null)
    },
    // Deleted ranges of several updates may overlap (two people deleting the same text): any of them is right.
    deleter: (client, clock) => rangeAt(deleted.get(client), clock)?.user ?? null,
  }
}

/**
 * What changed from version A to version B of a fragment, as runs in document order: equal text,
 * insertions (in B only) and deletions (in A only). The characters both have appear in the same
 * order in both (Yjs never moves an item); between two of them, deletions come before insertions.
 */
export function diffFragments(a: Y.XmlFragment, b: Y.XmlFragment, attribution: Attribution): TextRun[] {
  const before = fragmentTokens(a)
  const after = fragmentTokens(b)
  const inBefore = new Set(before.map((t) => t.key))
  const inAfter = new Set(after.map((t) => t.key))
  const runs: TextRun[] = []
  const push = (op: TextOp, token: Token, user: string | null): void => {
    const last = runs.at(-1)
    if (token.block !== undefined) {
      runs.push({ op, text: token.text, user, block: token.block })
      return
    }
    if (last && last.op === op && last.user === user && last.block === undefined) last.text += token.text
    else runs.push({ op, text: token.text, user })
  }
  let i = 0
  let j = 0
  while (i < before.length || j < after.length) {
    const old = before[i]
    if (old && !inAfter.has(old.key)) {
      push('delete', old, attribution.deleter(old.client, old.clock))
      i++
      continue
    }
    const now = after[j]
    if (now && !inBefore.has(now.key)) {
      push('insert', now, attribution.inserter(now.client, now.clock))
      j++
      continue
    }
    if (now) push('equal', now, null)
    i++
    j++
  }
  return runs
}

/** Counts of what a diff inserted and deleted (characters; block boundaries count as one). */
export function diffStats(runs: readonly TextRun[]): { inserted: number; deleted: number } {
  let inserted = 0
  let deleted = 0
  for (const r of runs) {
    if (r.op === 'insert') inserted += r.text.length
    else if (r.op === 'delete') deleted += r.text.length
  }
  return { inserted, deleted }
}
