// Initial content for new documents (an initiative's agenda, a partner's page, the demo):
// simple blocks turned into TipTap-compatible Yjs content and written through the rooms
// (RoomManager.transact) as one ordinary log record, so the document exists (and is listed)
// before anyone connects, every hook sees it, and an open room is never bypassed.
import * as Y from 'yjs'
import { ORIGIN_SEED } from '@common-ground/protocol'
import { DEFAULT_COMPACTION } from '../config.ts'
import { HookRunner } from '../hooks.ts'
import { silentLogger, type Logger } from '../logger.ts'
import type { MetadataStore } from '../metadata/MetadataStore.ts'
import type { DocumentStorage } from '../storage/DocumentStorage.ts'
import { RoomManager } from '../sync/RoomManager.ts'

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bulletList'; items: string[] }
  /** A structured block (agenda: goal, indicator, glossary term; meeting: item, decision, action item): an atom node whose attributes keep their JSON types, as y-tiptap stores them. */
  | {
      type: 'block'
      node: 'goalBlock' | 'indicatorBlock' | 'glossaryTerm' | 'meetingItem' | 'decisionBlock' | 'actionItemBlock'
      attrs: Record<string, unknown>
    }

/** The Y.XmlFragment TipTap's Collaboration extension binds to by default. */
export const EDITOR_FRAGMENT = 'default'

function textElement(nodeName: string, text: string, attrs: Record<string, unknown> = {}): Y.XmlElement {
  const element = new Y.XmlElement(nodeName)
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string)
  const xmlText = new Y.XmlText()
  xmlText.insert(0, text)
  element.insert(0, [xmlText])
  return element
}

export function blockToXml(block: Block): Y.XmlElement {
  switch (block.type) {
    case 'block': {
      const element = new Y.XmlElement(block.node)
      for (const [key, value] of Object.entries(block.attrs)) element.setAttribute(key, value as string)
      return element
    }
    case 'heading':
      return textElement('heading', block.text, { level: block.level })
    case 'paragraph':
      return textElement('paragraph', block.text)
    case 'bulletList': {
      const list = new Y.XmlElement('bulletList')
      list.insert(
        0,
        block.items.map((item) => {
          const li = new Y.XmlElement('listItem')
          li.insert(0, [textElement('paragraph', item)])
          return li
        }),
      )
      return list
    }
  }
}

/** Fills a Y.Doc's editor fragment with blocks (one transaction, origin "seed"). */
export function writeBlocks(doc: Y.Doc, blocks: Block[]): void {
  doc.transact(() => {
    doc.getXmlFragment(EDITOR_FRAGMENT).insert(0, blocks.map(blockToXml))
  }, ORIGIN_SEED)
}

export interface DocumentWriter {
  /**
   * Writes initial content into a document that has none yet (no Yjs client has written to it);
   * a document with content is left alone. The log record carries `user` (the creator when
   * known, null for seeded content). Resolves once the content is durable.
   */
  create(name: string, blocks: Block[], user?: string | null): Promise<void>
  /** Any server-side change to a document (one transaction through the rooms, attributed to `user`). */
  write(name: string, change: (doc: Y.Doc) => void, user: string | null, reason: string): Promise<void>
}

type RoomsDeps = { rooms: Pick<RoomManager, 'transact'> }
/** Without a server (an app built on its own, in tests): private rooms over `storage` with the metadata hooks. */
type StandaloneDeps = { storage: DocumentStorage; metadata: MetadataStore; logger?: Logger }

export function documentWriter(deps: RoomsDeps | StandaloneDeps): DocumentWriter {
  const rooms = 'rooms' in deps ? deps.rooms : standaloneRooms(deps)
  return {
    async create(name, blocks, user = null) {
      await rooms.transact(
        name,
        (doc) => {
          if (doc.store.clients.size > 0) return
          doc.getXmlFragment(EDITOR_FRAGMENT).insert(0, blocks.map(blockToXml))
        },
        { user, reason: ORIGIN_SEED },
      )
    },
    async write(name, change, user, reason) {
      await rooms.transact(name, change, { user, reason })
    },
  }
}

function standaloneRooms(deps: StandaloneDeps): RoomManager {
  const logger = deps.logger ?? silentLogger
  const hooks = new HookRunner([deps.metadata.hooks()], (hook, error) => logger.error('hook failed', { hook, error }))
  return new RoomManager({ storage: deps.storage, hooks, logger, compaction: DEFAULT_COMPACTION })
}
