// Seeds the demo initiative on the first start with an empty directory (SEED_DEMO=0 turns it
// off): three demo accounts (one per role), the Be'er Sheva cradle-to-career initiative with
// eight partners, its bilingual agenda and report card (both published) and partner pages. Everything goes through
// the directory's ordinary operations, so the audit log tells how it came about.
import { agendaDocumentName, measurementsDocumentName, partnerDocumentName } from '@common-ground/domain'
import type { Directory } from '../directory/Directory.ts'
import type { DocumentWriter } from '../documents/initialDocument.ts'
import type { Logger } from '../logger.ts'
import { DEMO_STRUCTURED_AGENDA } from './demoAgendaBlocks.ts'
import { writeDemoMeasurements } from './demoMeasurements.ts'
import { DEMO_ACCOUNTS, DEMO_AGENDA, DEMO_INITIATIVE, DEMO_PARTNERS, DEMO_PASSWORD } from './demoContent.ts'

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demoContent.ts'

/** What the seed made, for the modules that add their demo data (ServerModule.seedDemo). */
export interface DemoSeed {
  initiativeId: string
  /** Demo account e-mail → user id. */
  users: ReadonlyMap<string, string>
  /** The backbone account's user id. */
  backboneUserId: string
}

/** Returns what it seeded, or null when the directory was not empty. */
export async function seedDemo(deps: { directory: Directory; documents: DocumentWriter; logger: Logger }): Promise<DemoSeed | null> {
  const { directory, documents } = deps
  if (!directory.isEmpty) return null
  const seed = { ip: null }
  const users = new Map<string, string>()
  for (const account of DEMO_ACCOUNTS) {
    const user = await directory.createUser({ email: account.email, password: DEMO_PASSWORD, name: account.name, language: account.language }, seed)
    users.set(account.email, user.id)
  }
  const backbone = { userId: users.get(DEMO_ACCOUNTS.find((a) => a.role === 'backbone')!.email)!, ip: null }
  const initiative = await directory.createInitiative(DEMO_INITIATIVE, backbone)
  await documents.create(agendaDocumentName(initiative.id), [...DEMO_AGENDA, ...DEMO_STRUCTURED_AGENDA])
  for (const partner of DEMO_PARTNERS) {
    await directory.createPartner(
      initiative.id,
      { id: partner.id, name: partner.name, sector: partner.sector, website: partner.website, color: null },
      backbone,
    )
    await documents.create(partnerDocumentName(initiative.id, partner.id), partner.page)
  }
  for (const account of DEMO_ACCOUNTS) {
    if (account.role === 'backbone') continue
    const { token } = await directory.createInvitation(
      initiative.id,
      { role: account.role, partnerId: account.partnerId ?? null, email: account.email, expiresInDays: 7 },
      backbone,
    )
    await directory.acceptInvitation(token, { userId: users.get(account.email)!, ip: null })
  }
  await documents.write(measurementsDocumentName(initiative.id), (doc) => writeDemoMeasurements(doc), backbone.userId, 'demo')
  await directory.setPublished(initiative.id, 'agenda', true, backbone)
  await directory.setPublished(initiative.id, 'reportCard', true, backbone)
  deps.logger.info('seeded the demo initiative', { initiative: initiative.id, partners: DEMO_PARTNERS.length, accounts: DEMO_ACCOUNTS.map((a) => a.email) })
  return { initiativeId: initiative.id, users, backboneUserId: backbone.userId }
}
