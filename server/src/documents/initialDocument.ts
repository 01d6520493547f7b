// Initial content for new documents (an initiative's agenda, a partner's page, the demo):
// simple blocks turned into TipTap-compatible Yjs content and written through storage as one
// ordinary log record, so the document exists (and is listed) before anyone connects.
import * as Y from 'yjs'
import { ORIGIN_SEED } from '@common-ground/protocol'
import type { MetadataStore } from '../metadata/MetadataStore.ts'
import type { DocumentStorage } from '../storage/DocumentStorage.ts'

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bulletList'; items: string[] }

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

function blockToXml(block: Block): Y.XmlElement {
  switch (block.type) {
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
  /** Writes initial content into a document that has none yet; a document with content is left alone. */
  create(name: string, blocks: Block[]): Promise<void>
}

export function documentWriter(deps: { storage: DocumentStorage; metadata: MetadataStore }): DocumentWriter {
  return {
    async create(name, blocks) {
      const loaded = await deps.storage.load(name)
      try {
        if (loaded.snapshot || loaded.records.length > 0) return
        const doc = new Y.Doc()
        writeBlocks(doc, blocks)
        deps.storage.append(name, { seq: loaded.nextSeq, time: Date.now(), user: null, update: Y.encodeStateAsUpdate(doc) })
        doc.destroy()
        await deps.storage.sync()
      } finally {
        await deps.storage.release(name)
      }
      deps.metadata.touch(name)
      await deps.metadata.refreshSize(name)
    },
  }
}
