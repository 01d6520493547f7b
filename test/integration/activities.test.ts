// The activity map on a real server with real y-websocket clients (docs/activities.md): two people
// build a map at once and both see everything, the server derives it into activities, relations and
// the coordination check's findings (recomputed when the map or the agenda changes), and the write
// rules hold on the socket — a partner executive edits only its own partner's activities and only
// proposes relations (anything else closes the connection with 4413, nothing of the update kept), a
// participant's writes are dropped. Over HTTP: the filters, the export, bad input, rights per role.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '@common-ground/protocol'
import {
  activityListAnswer,
  findingsAnswer,
  relationListAnswer,
  writeActivity,
  writeLayout,
  writeRelation,
  writeStrategy,
  type CoordinationFindingView,
} from '@common-ground/domain'
import { addMember, api, createInitiative, createPartner, signIn, signUp, type Account } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced, type Client } from './helpers/clients.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'
import { waitFor, withTimeout } from './helpers/wait.ts'

useCleanup()

const GOAL = 'g-reading0001'
const GOAL_2 = 'g-health00001'
const INDICATOR = 'i-literacy001'

async function setup() {
  const server = await startTestServer({ access: 'enforced' })
  const backbone = await signUp(server.url, 'Backbone Person')
  const { id, agenda } = await createInitiative(server.url, backbone, 'Mapped initiative')
  const schools = await createPartner(server.url, backbone, id, 'City schools', 'education')
  const clinic = await createPartner(server.url, backbone, id, 'Clinic', 'health')
  const bank = await createPartner(server.url, backbone, id, 'Bank', 'business')
  const executive = await addMember(server.url, backbone, id, 'partner', schools.id)
  const participant = await addMember(server.url, backbone, id, 'participant')
  // The agenda: one goal with one indicator, written by a real client.
  const editor = await connectAs(server, agenda, backbone)
  const fragment = editor.doc.getXmlFragment('default')
  const goal = new Y.XmlElement('goalBlock')
  goal.setAttribute('id', GOAL)
  goal.setAttribute('statement', 'Every child reads by third grade')
  const indicator = new Y.XmlElement('indicatorBlock')
  for (const [k, v] of Object.entries({ id: INDICATOR, name: 'Readers', valueType: 'count', frequency: 'yearly' })) indicator.setAttribute(k, v)
  fragment.insert(0, [goal, indicator])
  await waitFor(async () => (await api(server.url, 'GET', `/api/initiatives/${id}/indicators`, { as: backbone })).body.indicators?.length === 1, {
    what: 'the indicator',
  })
  return { server, backbone, executive, participant, id, agenda, editor, map: `i/${id}/activities`, schools: schools.id, clinic: clinic.id, bank: bank.id }
}

const connectAs = (server: { syncUrl: string }, name: string, who: Account) => connectSynced(server.syncUrl, name, { headers: { cookie: who.cookie } })

async function get(server: TestServer, path: string, as: Account) {
  const answer = await api(server.url, 'GET', path, { as })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body
}
const activities = async (server: TestServer, id: string, as: Account, query = '') =>
  activityListAnswer.parse(await get(server, `/api/initiatives/${id}/activities${query}`, as)).activities
const findings = async (server: TestServer, id: string, as: Account) =>
  findingsAnswer.parse(await get(server, `/api/initiatives/${id}/activities/findings`, as))

/** The activity ids the server's room holds. */
async function serverActivities(server: TestServer, name: string): Promise<string[]> {
  const room = await server.rooms.acquire(name)
  try {
    return [...room.doc.getMap('activities').keys()].sort()
  } finally {
    if (room.connections.size === 0) room.onIdle(room)
  }
}

function nextClose(client: Client): Promise<number> {
  return withTimeout(
    new Promise<number>((resolve) => {
      const onClose = (event: CloseEvent | null) => {
        client.provider.off('connection-close', onClose)
        resolve(event?.code ?? 0)
      }
      client.provider.on('connection-close', onClose)
    }),
    10_000,
    `${client.name} to be closed`,
  )
}

const ofKind = <K extends CoordinationFindingView['kind']>(list: CoordinationFindingView[], kind: K) =>
  list.filter((f): f is Extract<CoordinationFindingView, { kind: K }> => f.kind === kind)

describe('the activity map', () => {
  it('is built by two people at once, derived with provenance, and checked for coordination', async () => {
    const w = await setup()
    const staff = await connectAs(w.server, w.map, w.backbone)
    const partner = await connectAs(w.server, w.map, w.executive)
    // At the same time: the backbone lays out strategies and the clinic's activity, the executive its own.
    writeStrategy(staff.doc, 's-early00001', { title: 'Early years · הגיל הרך', order: 1 })
    writeActivity(staff.doc, 'a-visits0001', {
      title: 'Home visits · ביקורי בית',
      leadPartnerId: w.clinic,
      goalIds: { [GOAL]: true },
      status: 'active',
      strategyId: 's-early00001',
    })
    writeActivity(partner.doc, 'a-clubs00001', {
      title: 'Reading clubs in the libraries',
      description: 'Weekly reading clubs for children after school',
      leadPartnerId: w.schools,
      goalIds: { [GOAL]: true },
      indicators: { [INDICATOR]: 'increase' },
      contributors: { [w.clinic]: 'consulted' },
      start: '2025-01-01',
      end: '2025-12-31',
      budget: 1000,
    })
    writeLayout(partner.doc, 'activity:a-visits0001', { x: 10, y: 20 })
    for (const client of [staff, partner])
      await waitFor(() => client.doc.getMap('activities').size === 2 && client.doc.getMap('layout').size === 1, {
        what: `${client.name} to see both activities`,
      })
    // Then both edit the same activity at once: their goal additions merge.
    writeActivity(staff.doc, 'a-clubs00001', { goalIds: { [GOAL_2]: true } })
    writeActivity(partner.doc, 'a-clubs00001', { status: 'active', goalIds: { 'g-third000001': true } })
    await waitFor(async () => (await activities(w.server, w.id, w.participant)).find((a) => a.id === 'a-clubs00001')?.goalIds.length === 3, {
      what: 'both goal additions',
    })

    const list = await activities(w.server, w.id, w.participant)
    expect(list.map((a) => a.id)).toEqual(['a-clubs00001', 'a-visits0001'])
    const clubs = list[0]!
    expect(clubs).toMatchObject({ leadPartnerId: w.schools, status: 'active', budget: 1000, contributors: [{ partnerId: w.clinic, role: 'consulted' }] })
    expect(clubs.goalIds).toEqual(['g-health00001', 'g-reading0001', 'g-third000001'].sort())
    // Goals the agenda does not have are kept, with an issue each.
    expect(clubs.issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual([`goalIds.${GOAL_2}:unknown_goal`, 'goalIds.g-third000001:unknown_goal'])
    expect(clubs.provenance.document).toBe(w.map)
    // Provenance: the pass that derived a change names its author (two people in one pass: the later one).
    expect(clubs.provenance.changedBy?.name).toMatch(/Backbone Person|partner person/)
    const listed = activityListAnswer.parse(await get(w.server, `/api/initiatives/${w.id}/activities`, w.participant))
    expect(listed.strategies.map((s) => s.title)).toEqual(['Early years · הגיל הרך'])

    // The coordination check on this map: the bank does nothing, the clinic's visits measure nothing.
    let check = await findings(w.server, w.id, w.executive)
    expect(ofKind(check.findings, 'goal_gap')).toEqual([])
    expect(ofKind(check.findings, 'indicator_gap')).toEqual([])
    expect(ofKind(check.findings, 'idle_partner').map((f) => f.partnerId)).toEqual([w.bank])
    expect(ofKind(check.findings, 'unmeasured_activity').map((f) => f.activityId)).toEqual(['a-visits0001'])
    expect(ofKind(check.findings, 'uncovered_sector').map((f) => f.sector)).toContain('business')
    expect(ofKind(check.findings, 'possible_duplicate')).toEqual([])

    // A look-alike of the schools' clubs by the bank, on the same goal: a possible duplicate, with the reason.
    writeActivity(staff.doc, 'a-bankclub01', {
      title: 'After-school reading club',
      description: 'A reading club for children in the library',
      leadPartnerId: w.bank,
      goalIds: { [GOAL]: true },
    })
    await waitFor(async () => ofKind((await findings(w.server, w.id, w.backbone)).findings, 'possible_duplicate').length === 1, {
      what: 'the duplicate finding',
    })
    check = await findings(w.server, w.id, w.backbone)
    const duplicate = ofKind(check.findings, 'possible_duplicate')[0]!
    expect(duplicate).toMatchObject({ activityIds: ['a-bankclub01', 'a-clubs00001'], partnerIds: [w.bank, w.schools], reason: { sharedGoalIds: [GOAL] } })
    expect(duplicate.reason.sharedWords).toEqual(expect.arrayContaining(['reading', 'club', 'children']))
    expect(ofKind(check.findings, 'idle_partner')).toEqual([])
    const bankClub = (await activities(w.server, w.id, w.participant)).find((a) => a.id === 'a-bankclub01')!
    expect(bankClub.provenance).toMatchObject({ document: w.map, blockId: 'a-bankclub01', changedBy: { name: 'Backbone Person' } })
    // An unchanged activity keeps its provenance.
    expect((await activities(w.server, w.id, w.participant)).find((a) => a.id === 'a-clubs00001')!.provenance).toEqual(clubs.provenance)

    // The agenda changes (a new goal): the findings follow without any change to the map.
    const goal = new Y.XmlElement('goalBlock')
    goal.setAttribute('id', 'g-jobs0000001')
    goal.setAttribute('statement', 'Every young adult works')
    w.editor.doc.getXmlFragment('default').insert(2, [goal])
    await waitFor(async () => ofKind((await findings(w.server, w.id, w.backbone)).findings, 'goal_gap').length === 1, { what: 'the new goal as a gap' })
    expect(ofKind((await findings(w.server, w.id, w.backbone)).findings, 'goal_gap')).toEqual([{ kind: 'goal_gap', goalId: 'g-jobs0000001' }])

    await staff.destroy()
    await partner.destroy()
    await w.editor.destroy()
  })

  it("refuses a partner executive's write to another partner's activity, and lets it only propose relations", async () => {
    const w = await setup()
    const staff = await connectAs(w.server, w.map, w.backbone)
    writeActivity(staff.doc, 'a-visits0001', { title: 'Home visits', leadPartnerId: w.clinic })
    writeActivity(staff.doc, 'a-clubs00001', { title: 'Reading clubs', leadPartnerId: w.schools })
    writeRelation(staff.doc, 'r-accepted01', { from: 'a-clubs00001', to: 'a-visits0001', type: 'reinforces', status: 'accepted', proposedBy: '' })
    await waitFor(async () => (await serverActivities(w.server, w.map)).length === 2, { what: 'the seeded activities' })

    // Its own activity and a proposal: accepted.
    const writer = await connectAs(w.server, w.map, w.executive)
    writeActivity(writer.doc, 'a-clubs00001', { title: 'Reading clubs for everyone', status: 'active' })
    writeRelation(writer.doc, 'r-proposal01', {
      from: 'a-clubs00001',
      to: 'a-visits0001',
      type: 'dependsOn',
      status: 'proposed',
      proposedBy: w.schools,
      note: 'rooms',
    })
    await waitFor(
      async () => {
        const relations = relationListAnswer.parse(await get(w.server, `/api/initiatives/${w.id}/activities/relations`, w.backbone)).relations
        return relations.some((r) => r.id === 'r-proposal01' && r.status === 'proposed')
      },
      { what: 'the proposal' },
    )
    expect((await activities(w.server, w.id, w.backbone)).find((a) => a.id === 'a-clubs00001')?.title).toBe('Reading clubs for everyone')

    // Each of these closes the connection with 4413 and nothing of it is kept.
    const refusals: ((doc: Y.Doc) => void)[] = [
      (doc) => writeActivity(doc, 'a-visits0001', { title: 'Taken over' }),
      (doc) => doc.getMap('activities').delete('a-visits0001'),
      (doc) => writeActivity(doc, 'a-clubs00001', { leadPartnerId: w.clinic }),
      (doc) => writeActivity(doc, 'a-foreign001', { title: 'For the clinic', leadPartnerId: w.clinic }),
      (doc) => writeRelation(doc, 'r-proposal01', { status: 'accepted' }),
      (doc) => writeRelation(doc, 'r-accepted01', { note: 'changed' }),
      (doc) => writeRelation(doc, 'r-selfaccept', { from: 'a-clubs00001', to: 'a-visits0001', status: 'accepted', proposedBy: w.schools }),
      (doc) => writeStrategy(doc, 's-mine000001', { title: 'Mine' }),
      (doc) =>
        doc.transact(() => {
          writeActivity(doc, 'a-clubs00001', { budget: 5 })
          writeActivity(doc, 'a-visits0001', { budget: 5 })
        }),
    ]
    await writer.destroy()
    for (const change of refusals) {
      const client = await connectAs(w.server, w.map, w.executive)
      const closed = nextClose(client)
      change(client.doc)
      expect(await closed).toBe(CloseCode.ForbiddenWrite)
      await client.destroy()
    }
    const reader = await connectAs(w.server, w.map, w.backbone)
    const visits = (reader.doc.getMap('activities').get('a-visits0001') as Y.Map<unknown>).toJSON()
    expect(visits).toMatchObject({ title: 'Home visits', leadPartnerId: w.clinic })
    expect(visits.budget).toBeUndefined()
    expect((reader.doc.getMap('activities').get('a-clubs00001') as Y.Map<unknown>).get('budget')).toBeUndefined()
    expect([...reader.doc.getMap('activities').keys()].sort()).toEqual(['a-clubs00001', 'a-visits0001'])
    expect((reader.doc.getMap('relations').get('r-proposal01') as Y.Map<unknown>).get('status')).toBe('proposed')
    expect(reader.doc.getMap('relations').has('r-selfaccept')).toBe(false)
    expect(reader.doc.getMap('strategies').size).toBe(0)
    await reader.destroy()

    // The backbone accepts the proposal.
    writeRelation(staff.doc, 'r-proposal01', { status: 'accepted' })
    await waitFor(
      async () => {
        const relations = relationListAnswer.parse(
          await get(w.server, `/api/initiatives/${w.id}/activities/relations?status=accepted`, w.participant),
        ).relations
        return relations.length === 2
      },
      { what: 'the accepted proposal' },
    )

    // A participant's writes are dropped; its connection stays.
    const viewer = await connectAs(w.server, w.map, w.participant)
    writeActivity(viewer.doc, 'a-viewer0001', { title: 'Not mine to write', leadPartnerId: w.bank })
    writeActivity(staff.doc, 'a-later00001', { title: 'Written later', leadPartnerId: w.bank })
    await waitFor(() => viewer.doc.getMap('activities').has('a-later00001'), { what: "the backbone's later activity at the participant" })
    expect(await serverActivities(w.server, w.map)).toEqual(['a-clubs00001', 'a-later00001', 'a-visits0001'])
    expect(viewer.provider.wsconnected).toBe(true)
    await viewer.destroy()
    await staff.destroy()
    await w.editor.destroy()

    // After a restart on the same data directory: the derived map is there, and the rule holds.
    await w.server.stop()
    const again = await startTestServer({ access: 'enforced', dataDir: w.server.dataDir })
    const backboneAgain = await signIn(again.url, w.backbone.email, w.backbone.password)
    const executiveAgain = await signIn(again.url, w.executive.email, w.executive.password)
    expect((await activities(again, w.id, backboneAgain)).map((a) => [a.id, a.title])).toEqual([
      ['a-clubs00001', 'Reading clubs for everyone'],
      ['a-later00001', 'Written later'],
      ['a-visits0001', 'Home visits'],
    ])
    const writerAgain = await connectAs(again, w.map, executiveAgain)
    const refusedAgain = nextClose(writerAgain)
    writeActivity(writerAgain.doc, 'a-visits0001', { title: 'Taken over after all' })
    expect(await refusedAgain).toBe(CloseCode.ForbiddenWrite)
    await writerAgain.destroy()
  })

  it('filters, exports and refuses bad input over HTTP, by role', async () => {
    const w = await setup()
    const staff = await connectAs(w.server, w.map, w.backbone)
    writeActivity(staff.doc, 'a-clubs00001', {
      title: 'מועדוני קריאה בספריות',
      description: 'Reading clubs, "quoted", with a comma',
      leadPartnerId: w.schools,
      goalIds: { [GOAL]: true },
      indicators: { [INDICATOR]: 'increase' },
      status: 'active',
    })
    writeActivity(staff.doc, 'a-visits0001', { title: 'Home visits', leadPartnerId: w.clinic, contributors: { [w.bank]: 'responsible' }, status: 'planned' })
    writeRelation(staff.doc, 'r-relation01', { from: 'a-clubs00001', to: 'a-visits0001', type: 'reinforces', status: 'accepted', proposedBy: '' })
    await waitFor(async () => (await activities(w.server, w.id, w.backbone)).length === 2, { what: 'the activities' })

    const ids = async (query: string) => (await activities(w.server, w.id, w.participant, query)).map((a) => a.id)
    expect(await ids(`?partnerId=${w.bank}`)).toEqual(['a-visits0001'])
    expect(await ids(`?goalId=${GOAL}`)).toEqual(['a-clubs00001'])
    expect(await ids('?status=planned')).toEqual(['a-visits0001'])
    expect(await ids('?sector=education')).toEqual(['a-clubs00001'])
    expect(await ids('?sector=business')).toEqual(['a-visits0001'])
    // Words: a Hebrew prefix (ה) folded, and a plain substring.
    expect(await ids(`?q=${encodeURIComponent('הספריות')}`)).toEqual(['a-clubs00001'])
    expect(await ids('?q=visit')).toEqual(['a-visits0001'])
    expect(await ids('?q=nothing-like-it')).toEqual([])

    const bad = await api(w.server.url, 'GET', `/api/initiatives/${w.id}/activities?status=someday`, { as: w.backbone })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('validation_failed')
    const badKind = await api(w.server.url, 'GET', `/api/initiatives/${w.id}/activities/findings?kind=nonsense`, { as: w.backbone })
    expect([badKind.status, badKind.body.error.code]).toEqual([400, 'validation_failed'])

    const csv = await fetch(`${w.server.url}/api/initiatives/${w.id}/activities/export?format=csv`, { headers: { cookie: w.participant.cookie } })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer())
    expect(text.startsWith('\uFEFFid,title,description,lead_partner')).toBe(true)
    expect(text).toContain('מועדוני קריאה בספריות')
    expect(text).toContain('"Reading clubs, ""quoted"", with a comma"')
    expect(text).toContain(`${INDICATOR}: increase`)
    const json = await get(w.server, `/api/initiatives/${w.id}/activities/export?format=json`, w.executive)
    expect(json.activities).toHaveLength(2)
    expect(json.relations.map((r: { id: string }) => r.id)).toEqual(['r-relation01'])
    expect(Array.isArray(json.findings)).toBe(true)

    // Rights: members read, an outsider is told nothing exists, the anonymous must sign in.
    const outsider = await signUp(w.server.url, 'Outsider')
    for (const path of ['', '/relations', '/findings', '/export?format=csv']) {
      const route = `/api/initiatives/${w.id}/activities${path}`
      expect((await api(w.server.url, 'GET', route, { as: outsider })).status).toBe(404)
      expect((await api(w.server.url, 'GET', route)).status).toBe(401)
    }
    await staff.destroy()
    await w.editor.destroy()
  })
})
