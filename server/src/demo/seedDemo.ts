// Seeds the demo documents on the first start with an empty data directory (SEED_DEMO=0
// turns it off). Content is written through storage as ordinary log records.
import * as Y from 'yjs'
import { ORIGIN_SEED } from '@common-ground/protocol'
import type { Logger } from '../logger.ts'
import type { MetadataStore } from '../metadata/MetadataStore.ts'
import type { DocumentStorage } from '../storage/DocumentStorage.ts'
import { DEMO_DOCUMENTS, type Block } from './demoContent.ts'

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

export async function seedDemo(deps: { storage: DocumentStorage; metadata: MetadataStore; logger: Logger }): Promise<void> {
  if ((await deps.storage.list()).length > 0) return
  for (const { name, blocks } of DEMO_DOCUMENTS) {
    const doc = new Y.Doc()
    writeBlocks(doc, blocks)
    const loaded = await deps.storage.load(name)
    deps.storage.append(name, { seq: loaded.nextSeq, time: Date.now(), user: null, update: Y.encodeStateAsUpdate(doc) })
    await deps.storage.release(name)
    deps.metadata.touch(name)
    await deps.metadata.refreshSize(name)
    doc.destroy()
  }
  await deps.storage.sync()
  await deps.metadata.flush()
  deps.logger.info('seeded demo documents', { documents: DEMO_DOCUMENTS.map((d) => d.name) })
}
