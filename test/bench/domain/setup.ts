// Setting the domain benchmarks up through the product's own ways in: accounts, initiatives and
// partners over the HTTP API (the integration tests' helpers), agenda blocks written by a real
// y-websocket client over a real WebSocket, values by the CSV import, approvals by the approvals
// route in batches that fit its body limit. Waits on the launcher's probe, never on sleeps.
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { addMember, api, createInitiative, createPartner, signUp, type Account } from '../../integration/helpers/accounts.ts'
import { byteBatches, type BlockSpec } from './fixtures.ts'
import type { DomainServer } from './server.ts'

/** Under the API's 64 KB JSON body limit, with room to spare. */
const APPROVAL_BODY_BYTES = 60_000
const APPROVAL_BATCH_MAX = 1000

export interface Editor {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

/** A y-websocket client of `name`, signed in as `as`, once it has the server's state. */
export async function connectEditor(server: DomainServer, name: string, as: Account): Promise<Editor> {
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: as.cookie } })
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(server.syncUrl, name, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 250,
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not synced in 30 s`)), 30_000)
    provider.on('sync', (synced: boolean) => {
      if (!synced) return
      clearTimeout(timer)
      resolve()
    })
  })
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function toElements(blocks: readonly BlockSpec[]): Y.XmlElement[] {
  return blocks.map((b) => {
    const element = new Y.XmlElement(b.node)
    for (const [key, value] of Object.entries(b.attrs)) element.setAttribute(key, value as string)
    return element
  })
}

export interface Initiative {
  id: string
  agenda: string
  sheet: string
  partnerIds: string[]
}

/** A fresh initiative with `partners` partners, created by `backbone`. */
export async function createBenchInitiative(server: DomainServer, backbone: Account, name: string, partners: number): Promise<Initiative> {
  const { id, agenda } = await createInitiative(server.url, backbone, name)
  const partnerIds: string[] = []
  for (let p = 0; p < partners; p++) partnerIds.push((await createPartner(server.url, backbone, id, `Partner ${p + 1}`)).id)
  return { id, agenda, sheet: `i/${id}/measurements`, partnerIds }
}

/** Appends blocks to the agenda over a WebSocket and resolves once the read model derived them. */
export async function writeAgenda(server: DomainServer, as: Account, initiative: Initiative, blocks: readonly BlockSpec[]): Promise<Editor> {
  const before = await server.seq(initiative.agenda)
  const editor = await connectEditor(server, initiative.agenda, as)
  const fragment = editor.doc.getXmlFragment('default')
  fragment.insert(fragment.length, toElements(blocks))
  await server.waitSeq(initiative.agenda, before)
  return editor
}

/** POSTs a CSV file to the import route; the parsed answer. */
export async function importCsv(server: DomainServer, as: Account, initiativeId: string, csv: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/api/initiatives/${initiativeId}/measurements/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', cookie: as.cookie, 'x-csrf-token': as.csrfToken },
    body: csv,
  })
  return { status: response.status, body: JSON.parse(await response.text()) }
}

/** Approves every cell of the initiative's sheet, indicator by indicator; the number approved. */
export async function approveAll(server: DomainServer, backbone: Account, initiative: Initiative, indicatorIds: readonly string[]): Promise<number> {
  let approved = 0
  for (const indicatorId of indicatorIds) {
    const list = await api(server.url, 'GET', `/api/initiatives/${initiative.id}/measurements?indicatorId=${indicatorId}`, { as: backbone })
    if (list.status !== 200) throw new Error(`measurements: ${list.status} ${JSON.stringify(list.body).slice(0, 200)}`)
    const decisions = (list.body.measurements as { key: string; fingerprint: string; workflow: string }[])
      .filter((m) => m.workflow !== 'approved')
      .map((m) => ({ key: m.key, fingerprint: m.fingerprint, decision: 'approve' as const }))
    for (const batch of byteBatches(decisions, APPROVAL_BATCH_MAX, APPROVAL_BODY_BYTES)) {
      const answer = await api(server.url, 'POST', `/api/initiatives/${initiative.id}/measurements/approvals`, { as: backbone, body: { decisions: batch } })
      if (answer.status !== 200) throw new Error(`approvals: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`)
      approved += batch.length
    }
  }
  return approved
}

export { addMember, api, signUp, type Account }
