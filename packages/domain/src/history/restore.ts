// Restoring a version as a new forward change: the current document is edited, through the Yjs
// API, until its content equals the version's — nodes, attributes, text and map entries that are
// the same item in both are kept (matched by Yjs id), so an edit someone made offline inside a
// kept paragraph or cell still lands after the restore; nodes added since are deleted, nodes
// removed since come back as copies. Run it inside one transaction (the server's transact).
import * as Y from 'yjs'
import type { DocumentSchema } from '../documents/kinds.ts'

type Parent = Y.XmlFragment | Y.XmlElement
type XmlNode = Y.XmlElement | Y.XmlText

const idOf = (node: { _item: Y.Item | null }): string | null => (node._item ? `${node._item.id.client}:${node._item.id.clock}` : null)

function cloneNode(node: XmlNode): XmlNode {
  return node.clone() as XmlNode
}

function restoreAttributes(current: Y.XmlElement, target: Y.XmlElement): void {
  const want = target.getAttributes() as Record<string, unknown>
  const have = current.getAttributes() as Record<string, unknown>
  for (const key of Object.keys(have)) if (!(key in want)) current.removeAttribute(key)
  for (const [key, value] of Object.entries(want)) {
    if (JSON.stringify(have[key]) !== JSON.stringify(value)) current.setAttribute(key, value as string)
  }
}

type Delta = { insert: unknown; attributes?: Record<string, unknown> }[]

/** The text as its delta has it (an embed is one character), not XmlText's XML-ish toString. */
const plain = (text: Y.Text): string => (text.toDelta() as Delta).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('')

/** Makes a text equal to the target's: the changed middle is replaced (common prefix and suffix kept), then formatting aligned. */
export function restoreText(current: Y.Text, target: Y.Text): void {
  if (JSON.stringify(current.toDelta()) === JSON.stringify(target.toDelta())) return
  const have = plain(current)
  const want = plain(target)
  let prefix = 0
  while (prefix < have.length && prefix < want.length && have[prefix] === want[prefix]) prefix++
  let suffix = 0
  while (suffix < have.length - prefix && suffix < want.length - prefix && have[have.length - 1 - suffix] === want[want.length - 1 - suffix]) suffix++
  if (have.length - prefix - suffix > 0) current.delete(prefix, have.length - prefix - suffix)
  // Insert the target's middle with its formatting, piece by piece.
  let pos = 0
  let at = prefix
  for (const op of target.toDelta() as Delta) {
    if (typeof op.insert !== 'string') {
      if (pos >= prefix && pos < want.length - suffix) current.insertEmbed(at++, op.insert as object, op.attributes ?? {})
      pos += 1
      continue
    }
    const start = Math.max(pos, prefix)
    const end = Math.min(pos + op.insert.length, want.length - suffix)
    if (end > start) {
      current.insert(at, op.insert.slice(start - pos, end - pos), op.attributes ?? {})
      at += end - start
    }
    pos += op.insert.length
  }
  if (JSON.stringify(current.toDelta()) === JSON.stringify(target.toDelta())) return
  // Formatting differs in the kept parts: set every attribute either side uses, range by range.
  const keys = new Set<string>()
  for (const op of [...(current.toDelta() as Delta), ...(target.toDelta() as Delta)]) for (const k of Object.keys(op.attributes ?? {})) keys.add(k)
  pos = 0
  for (const op of target.toDelta() as Delta) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1
    current.format(pos, length, Object.fromEntries([...keys].map((k) => [k, op.attributes?.[k] ?? null])))
    pos += length
  }
}

function restoreChildren(current: Parent, target: Parent): void {
  const wanted = target.toArray() as XmlNode[]
  const wantedIds = new Set(wanted.map(idOf))
  const have = current.toArray() as XmlNode[]
  for (let i = have.length - 1; i >= 0; i--) {
    const id = idOf(have[i]!)
    if (id === null || !wantedIds.has(id)) current.delete(i, 1)
  }
  const kept = new Map((current.toArray() as XmlNode[]).map((node) => [idOf(node), node]))
  wanted.forEach((node, index) => {
    const match = kept.get(idOf(node))
    if (!match) {
      current.insert(index, [cloneNode(node)])
      return
    }
    if (match instanceof Y.XmlElement && node instanceof Y.XmlElement) {
      restoreAttributes(match, node)
      restoreChildren(match, node)
    } else if (match instanceof Y.XmlText && node instanceof Y.XmlText) {
      restoreText(match, node)
    }
  })
}

/** Makes an XmlFragment's content equal to the target's. */
export function restoreFragment(current: Y.XmlFragment, target: Y.XmlFragment): void {
  restoreChildren(current, target)
}

function cloneValue(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value as unknown as { clone(): unknown }).clone() : value
}

/** Makes a map's entries equal to the target's (nested maps restored entry by entry, other values replaced when they differ). */
export function restoreMap(current: Y.Map<unknown>, target: Y.Map<unknown>): void {
  for (const key of [...current.keys()]) if (!target.has(key)) current.delete(key)
  for (const [key, want] of target.entries()) {
    const have = current.get(key)
    if (want instanceof Y.Map && have instanceof Y.Map) restoreMap(have, want)
    else if (want instanceof Y.Text && have instanceof Y.Text) restoreText(have, want)
    else if (want instanceof Y.AbstractType) {
      const same = have instanceof Y.AbstractType && JSON.stringify(have.toJSON()) === JSON.stringify(want.toJSON()) && have.constructor === want.constructor
      if (!same) current.set(key, cloneValue(want))
    } else if (have instanceof Y.AbstractType || JSON.stringify(have) !== JSON.stringify(want)) current.set(key, want)
  }
}

function restoreArray(current: Y.Array<unknown>, target: Y.Array<unknown>): void {
  if (JSON.stringify(current.toJSON()) === JSON.stringify(target.toJSON())) return
  current.delete(0, current.length)
  current.insert(0, target.toArray().map(cloneValue))
}

/** Makes every root of the kind's schema in `current` equal to the target's (call inside one transaction). */
export function restoreDocument(current: Y.Doc, target: Y.Doc, schema: DocumentSchema): void {
  for (const [name, root] of Object.entries(schema.roots)) {
    if (root.type === 'XmlFragment') restoreFragment(current.getXmlFragment(name), target.getXmlFragment(name))
    else if (root.type === 'Map') restoreMap(current.getMap(name), target.getMap(name))
    else if (root.type === 'Text') restoreText(current.getText(name), target.getText(name))
    else restoreArray(current.getArray(name), target.getArray(name))
  }
}
