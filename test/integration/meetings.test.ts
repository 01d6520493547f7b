// Meetings against the real server: a meeting's agenda items, decisions and action items derived
// from real y-websocket edits (a participant's edit refused); the carry-over — two "prepare" calls
// at the same moment add each open item once, an item edited after it is not carried again and is
// listed once, two clients carrying over at once converge to one copy; the decision log and the
// action item list with their filters and exports; rights by role; the series' .ics parses, with
// the right instants on both sides of a daylight-saving change; the demo steering committee.
import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actionItemListAnswer,
  carryOver,
  decisionListAnswer,
  deriveMeeting,
  meetingAnswer,
  meetingListAnswer,
  prepareAnswer,
  seriesAnswer,
  type MeetingContext,
} from '@common-ground/domain'
import { addMember, api, createInitiative, createPartner, signIn, signUp, type Account } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced } from './helpers/clients.ts'
import { makeTempDir, spawnServerProcess, startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

function block(node: string, attrs: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement(node)
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string)
  return element
}

const headers = (as: Account) => ({ cookie: as.cookie })

async function setup(options: { seedDemo?: boolean } = {}) {
  const server = await startTestServer({ access: 'enforced', ...options })
  const backbone = await signUp(server.url, 'Noa Backbone')
  const { id } = await createInitiative(server.url, backbone, 'Meetings initiative')
  const partner = await createPartner(server.url, backbone, id, 'City schools')
  const executive = await addMember(server.url, backbone, id, 'partner', partner.id)
  const participant = await addMember(server.url, backbone, id, 'participant')
  return { server, url: server.url, backbone, executive, participant, id, partnerId: partner.id }
}

type World = Awaited<ReturnType<typeof setup>>

async function createMeeting(w: World, date: string, title = 'Steering committee') {
  const answer = await api(w.url, 'POST', `/api/initiatives/${w.id}/meetings`, { as: w.backbone, body: { title, date, time: '17:00' } })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return meetingAnswer.parse(answer.body).meeting
}

async function meetingOf(w: World, meetingId: string, as: Account = w.backbone) {
  const answer = await api(w.url, 'GET', `/api/initiatives/${w.id}/meetings/${meetingId}`, { as })
  expect(answer.status).toBe(200)
  return meetingAnswer.parse(answer.body)
}

/** A past meeting with an open action item, a done one, a discussed, a pending and a deferred agenda item, and a decision. */
async function writePastMeeting(w: World, documentName: string) {
  const client = await connectSynced(w.server.syncUrl, documentName, { headers: headers(w.executive) })
  const fragment = client.doc.getXmlFragment('default')
  fragment.insert(0, [
    block('meetingItem', { id: 'm-budget0001', title: 'Summer budget', presenter: 'Noa', timeboxMinutes: 20, status: 'discussed' }),
    block('meetingItem', { id: 'm-readiness1', title: 'Readiness data', timeboxMinutes: 15 }),
    block('meetingItem', { id: 'm-parents001', title: 'Parents council seat', status: 'deferred' }),
    block('decisionBlock', { id: 'd-camps00001', statement: 'Fund four summer camps', rationale: 'The waiting list doubled.' }),
    block('actionItemBlock', { id: 'a-letter0001', title: 'Send the letter to the ministry', ownerId: w.executive.userId, due: '2020-03-20' }),
    block('actionItemBlock', { id: 'a-hall000001', title: 'Book the hall', ownerId: w.backbone.userId, status: 'done' }),
  ])
  return client
}

describe('a meeting document', () => {
  it('is derived into agenda items, decisions and action items from real y-websocket edits; a participant may not write', async () => {
    const w = await setup()
    const meeting = await createMeeting(w, '2026-03-12')
    expect(meeting.documentName).toBe(`i/${w.id}/meetings/${meeting.id}`)
    // The meeting's document is one of the initiative's documents now.
    const initiative = await api(w.url, 'GET', `/api/initiatives/${w.id}`, { as: w.participant })
    expect(initiative.body.initiative.documents).toContainEqual(
      expect.objectContaining({ name: meeting.documentName, kind: 'meeting', meetingId: meeting.id, access: 'read' }),
    )

    const editor = await writePastMeeting(w, meeting.documentName)
    const fragment = editor.doc.getXmlFragment('default')
    fragment.insert(fragment.length, [
      block('actionItemBlock', { id: 'a-stranger01', title: 'Owned by nobody here', ownerId: 'u-not-a-member', due: '2026-02-31' }),
    ])
    const viewer = await connectSynced(w.server.syncUrl, meeting.documentName, { headers: headers(w.participant) })
    viewer.doc.getXmlFragment('default').insert(0, [block('decisionBlock', { id: 'd-viewer0001', statement: 'A participant decides' })])
    fragment.insert(fragment.length, [block('decisionBlock', { id: 'd-last000001', statement: 'Meet every two weeks' })])

    const derived = await waitFor(async () => {
      const m = await meetingOf(w, meeting.id, w.participant)
      return m.decisions.some((d) => d.blockId === 'd-last000001') ? m : null
    })
    expect(derived.items.map((i) => [i.blockId, i.status, i.timeboxMinutes])).toEqual([
      ['m-budget0001', 'discussed', 20],
      ['m-readiness1', 'pending', 15],
      ['m-parents001', 'deferred', null],
    ])
    expect(derived.decisions.map((d) => d.blockId)).toEqual(['d-camps00001', 'd-last000001'])
    expect(derived.decisions[0]!.provenance.changedBy?.userId).toBe(w.executive.userId)
    const stranger = derived.actionItems.find((a) => a.blockId === 'a-stranger01')!
    expect(stranger.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['ownerId:invalid_choice', 'due:invalid_period'])
    expect(derived.version).toBeGreaterThan(0)
    await editor.destroy()
    await viewer.destroy()
  })
})

describe('owners', () => {
  it('an action item whose owner leaves the initiative gets an issue without anyone editing the meeting', async () => {
    const w = await setup()
    const meeting = await createMeeting(w, '2026-03-12')
    const client = await connectSynced(w.server.syncUrl, meeting.documentName, { headers: headers(w.backbone) })
    client.doc.getXmlFragment('default').insert(0, [block('actionItemBlock', { id: 'a-leaving0001', title: 'Call the school', ownerId: w.participant.userId })])
    await waitFor(async () => (await meetingOf(w, meeting.id)).actionItems.length === 1)
    expect((await meetingOf(w, meeting.id)).actionItems[0]!.issues).toEqual([])
    await client.destroy()
    expect((await api(w.url, 'DELETE', `/api/initiatives/${w.id}/members/${w.participant.userId}`, { as: w.backbone })).status).toBe(204)
    await waitFor(async () => (await meetingOf(w, meeting.id)).actionItems[0]!.issues.some((i) => i.field === 'ownerId' && i.code === 'invalid_choice'), {
      what: 'the owner issue after the member left',
    })
  })
})

describe('durability', () => {
  it('a series and a meeting acknowledged over HTTP survive a kill -9, with the meeting document and its records', async () => {
    const dataDir = await makeTempDir()
    const proc = await spawnServerProcess(dataDir)
    const backbone = await signUp(proc.url, 'Noa Backbone')
    const { id } = await createInitiative(proc.url, backbone, 'Durable meetings')
    const series = await api(proc.url, 'POST', `/api/initiatives/${id}/meeting-series`, {
      as: backbone,
      body: { title: 'Kept', startDate: '2026-03-12', time: '17:00' },
    })
    expect(series.status).toBe(201)
    const created = await api(proc.url, 'POST', `/api/initiatives/${id}/meetings`, {
      as: backbone,
      body: { title: 'Kept meeting', date: '2026-03-19', time: '10:00' },
    })
    const meeting = meetingAnswer.parse(created.body).meeting
    const client = await connectSynced(proc.syncUrl, meeting.documentName, { headers: headers(backbone) })
    client.doc.getXmlFragment('default').insert(0, [block('decisionBlock', { id: 'd-kept000001', statement: 'Kept through a crash' })])
    await waitFor(
      async () =>
        meetingAnswer.parse((await api(proc.url, 'GET', `/api/initiatives/${id}/meetings/${meeting.id}`, { as: backbone })).body).decisions.length === 1,
    )
    proc.proc.kill('SIGKILL')
    await proc.exited
    await client.destroy()

    const restarted = await startTestServer({ access: 'enforced', dataDir })
    const after = meetingAnswer.parse((await api(restarted.url, 'GET', `/api/initiatives/${id}/meetings/${meeting.id}`, { as: backbone })).body)
    expect(after.meeting).toEqual(meeting)
    expect(after.decisions.map((d) => d.statement)).toEqual(['Kept through a crash'])
    const list = (await api(restarted.url, 'GET', `/api/initiatives/${id}/meeting-series`, { as: backbone })).body.series
    expect(list.map((s: { series: { title: string } }) => s.series.title)).toEqual(['Kept'])
    // The document is still the initiative's: an editor can connect to it.
    const again = await connectSynced(restarted.syncUrl, meeting.documentName, { headers: headers(backbone) })
    expect(again.doc.getXmlFragment('default').length).toBe(1)
    await again.destroy()
  })
})

describe('carry-over', () => {
  it('two "prepare" calls at the same moment carry each open item once; an item edited after it is not carried again and is listed once', async () => {
    const w = await setup()
    const before = await createMeeting(w, '2026-03-12')
    const next = await createMeeting(w, '2026-03-26')
    const writer = await writePastMeeting(w, before.documentName)
    await waitFor(async () => (await meetingOf(w, before.id)).actionItems.length === 2)
    await writer.destroy()

    const prepare = () => api(w.url, 'POST', `/api/initiatives/${w.id}/meetings/${next.id}/prepare`, { as: w.backbone })
    const answers = await Promise.all([prepare(), prepare()])
    expect(answers.map((a) => a.status)).toEqual([200, 200])
    const added = answers.map((a) => prepareAnswer.parse(a.body).added).sort()
    expect(added).toEqual([0, 3])
    expect(prepareAnswer.parse(answers[0]!.body).previousMeetingId).toBe(before.id)

    const prepared = await meetingOf(w, next.id)
    expect(prepared.carriedOverFrom).toBe(before.id)
    expect(prepared.items.map((i) => [i.title, i.status, i.carriedFrom?.blockId])).toEqual([
      ['Readiness data', 'pending', 'm-readiness1'],
      ['Parents council seat', 'pending', 'm-parents001'],
    ])
    expect(prepared.actionItems.map((a) => [a.title, a.status, a.carriedFrom])).toEqual([
      ['Send the letter to the ministry', 'open', { meetingId: before.id, blockId: 'a-letter0001' }],
    ])

    // Across meetings the carried action item is listed once, where it is now, with where it was first written.
    const listed = actionItemListAnswer.parse((await api(w.url, 'GET', `/api/initiatives/${w.id}/action-items?status=open`, { as: w.participant })).body)
    expect(listed.actionItems.map((a) => [a.title, a.meeting.id, a.origin.id, a.overdue, a.ownerPartnerId])).toEqual([
      ['Send the letter to the ministry', next.id, before.id, true, w.partnerId],
    ])

    // Edited after the carry-over: done, retitled. Preparing again adds nothing, and it is still listed once.
    const editor = await connectSynced(w.server.syncUrl, next.documentName, { headers: headers(w.executive) })
    const carried = editor.doc
      .getXmlFragment('default')
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.nodeName === 'actionItemBlock') as Y.XmlElement
    carried.setAttribute('status', 'done')
    carried.setAttribute('title', 'Letter sent to the ministry')
    await waitFor(async () => (await meetingOf(w, next.id)).actionItems[0]!.status === 'done')
    expect(prepareAnswer.parse((await prepare()).body).added).toBe(0)
    const all = actionItemListAnswer.parse((await api(w.url, 'GET', `/api/initiatives/${w.id}/action-items`, { as: w.backbone })).body)
    // By due date (none last).
    expect(all.actionItems.map((a) => [a.title, a.status, a.meeting.id])).toEqual([
      ['Letter sent to the ministry', 'done', next.id],
      ['Book the hall', 'done', before.id],
    ])
    expect((await meetingOf(w, next.id)).actionItems).toHaveLength(1)
    await editor.destroy()
  })

  it('two clients carrying over at the same time converge to one copy of each (the server removes the extra ones)', async () => {
    const w = await setup()
    const before = await createMeeting(w, '2026-03-12')
    const next = await createMeeting(w, '2026-03-26')
    const writer = await writePastMeeting(w, before.documentName)
    await waitFor(async () => (await meetingOf(w, before.id)).actionItems.length === 2)
    await writer.destroy()
    const previous = deriveMeeting(
      await (async () => {
        const reader = await connectSynced(w.server.syncUrl, before.documentName, { headers: headers(w.backbone) })
        const doc = new Y.Doc()
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc))
        await reader.destroy()
        return doc.getXmlFragment('default')
      })(),
      { memberIds: [w.backbone.userId, w.executive.userId, w.participant.userId], goalIds: [], indicatorIds: [], activityIds: null } satisfies MeetingContext,
    )
    const a = await connectSynced(w.server.syncUrl, next.documentName, { headers: headers(w.backbone) })
    const b = await connectSynced(w.server.syncUrl, next.documentName, { headers: headers(w.executive) })
    a.provider.disconnect()
    b.provider.disconnect()
    const context: MeetingContext = { memberIds: [w.backbone.userId, w.executive.userId], goalIds: [], indicatorIds: [], activityIds: null }
    expect(carryOver(previous, before.id, a.doc, context)).toBe(3)
    expect(carryOver(previous, before.id, b.doc, context)).toBe(3)
    a.provider.connect()
    b.provider.connect()
    const clean = await waitFor(async () => {
      const m = await meetingOf(w, next.id)
      return m.items.length === 2 && m.actionItems.length === 1 ? m : null
    })
    expect([...clean.items, ...clean.actionItems].every((r) => r.issues.length === 0)).toBe(true)
    // Both clients end with the same single copies.
    await waitFor(() => a.doc.getXmlFragment('default').length === 3 && b.doc.getXmlFragment('default').length === 3)
    expect(a.doc.getXmlFragment('default').toJSON()).toBe(b.doc.getXmlFragment('default').toJSON())
    await a.destroy()
    await b.destroy()
  })
})

describe('series, lists and rights', () => {
  it('only backbone staff manage meetings; every member reads them', async () => {
    const w = await setup()
    const outsider = await signUp(w.url, 'Outsider')
    const body = { title: 'Steering committee', startDate: '2026-03-12', time: '17:00' }
    for (const [who, status] of [
      [w.executive, 403],
      [w.participant, 403],
      [outsider, 404],
    ] as const) {
      expect((await api(w.url, 'POST', `/api/initiatives/${w.id}/meeting-series`, { as: who, body })).status).toBe(status)
      expect((await api(w.url, 'POST', `/api/initiatives/${w.id}/meetings`, { as: who, body: { title: 'x', date: '2026-03-12', time: '10:00' } })).status).toBe(
        status,
      )
    }
    const created = await api(w.url, 'POST', `/api/initiatives/${w.id}/meeting-series`, { as: w.backbone, body })
    expect(created.status).toBe(201)
    const series = seriesAnswer.parse(created.body).series
    expect(series).toMatchObject({ everyWeeks: 2, timeZone: 'Asia/Jerusalem', durationMinutes: 90 })
    expect((await api(w.url, 'POST', `/api/initiatives/${w.id}/meeting-series/${series.id}/next`, { as: w.executive })).status).toBe(403)
    expect((await api(w.url, 'GET', `/api/initiatives/${w.id}/meeting-series/${series.id}`, { as: w.participant })).status).toBe(200)
    expect((await api(w.url, 'GET', `/api/initiatives/${w.id}/meeting-series/${series.id}`, { as: outsider })).status).toBe(404)
    // Bad input: a stable code and the fields.
    const bad = await api(w.url, 'POST', `/api/initiatives/${w.id}/meeting-series`, {
      as: w.backbone,
      body: { ...body, timeZone: 'Mars/Olympus', until: '2020-01-01' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', fields: { timeZone: 'invalid_choice', until: 'invalid_period' } })
    expect((await api(w.url, 'GET', `/api/initiatives/${w.id}/meeting-series/nosuch`, { as: w.backbone })).body.error.code).toBe('series_not_found')
    expect((await api(w.url, 'GET', `/api/initiatives/${w.id}/meetings/nosuch`, { as: w.backbone })).body.error.code).toBe('meeting_not_found')
    // The audit log has the series.
    const audit = await api(w.url, 'GET', `/api/initiatives/${w.id}/audit?action=meeting.`, { as: w.backbone })
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain('meeting.series_created')
  })

  it('prepares the next date of a series once, and lists decisions (searchable) and action items (mine, by partner, overdue) with exports', async () => {
    const w = await setup()
    // A weekly series that began a year ago: its next date is within the week.
    const start = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
    const series = seriesAnswer.parse(
      (
        await api(w.url, 'POST', `/api/initiatives/${w.id}/meeting-series`, {
          as: w.backbone,
          body: { title: 'Weekly', startDate: start, time: '09:00', everyWeeks: 1 },
        })
      ).body,
    ).series
    const past = await createMeeting(w, new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10), 'Earlier')
    const writer = await writePastMeeting(w, past.documentName)
    writer.doc.getXmlFragment('default').insert(0, [block('decisionBlock', { id: 'd-hebrew0001', statement: 'מְמַמְּנִים ארבע קייטנות קיץ', rationale: '' })])
    await waitFor(async () => (await meetingOf(w, past.id)).decisions.length === 2)
    await writer.destroy()

    const [first, second] = await Promise.all([
      api(w.url, 'POST', `/api/initiatives/${w.id}/meeting-series/${series.id}/next`, { as: w.backbone }),
      api(w.url, 'POST', `/api/initiatives/${w.id}/meeting-series/${series.id}/next`, { as: w.backbone }),
    ])
    const a = prepareAnswer.parse(first.body)
    const b = prepareAnswer.parse(second.body)
    expect(a.meeting.id).toBe(b.meeting.id)
    expect(a.meeting.seriesId).toBe(series.id)
    expect([a.added, b.added].sort()).toEqual([0, 3])
    const list = meetingListAnswer.parse((await api(w.url, 'GET', `/api/initiatives/${w.id}/meetings`, { as: w.participant })).body)
    expect(list.meetings.map((m) => m.id)).toEqual([past.id, a.meeting.id])
    expect(list.meetings[1]!.counts).toMatchObject({ items: 2, actionItems: 1, openActionItems: 1 })
    expect(list.upcoming[0]).toMatchObject({ meetingId: a.meeting.id, prepared: true, seriesId: series.id })

    const search = async (q: string) =>
      decisionListAnswer
        .parse((await api(w.url, 'GET', `/api/initiatives/${w.id}/decisions?q=${encodeURIComponent(q)}`, { as: w.executive })).body)
        .decisions.map((d) => d.blockId)
    expect(await search('')).toEqual(['d-hebrew0001', 'd-camps00001'])
    expect(await search('WAITING list')).toEqual(['d-camps00001'])
    expect(await search('קייטנות')).toEqual(['d-hebrew0001'])

    const items = async (query: string, as: Account) =>
      actionItemListAnswer.parse((await api(w.url, 'GET', `/api/initiatives/${w.id}/action-items?${query}`, { as })).body).actionItems.map((x) => x.title)
    expect(await items('owner=me', w.executive)).toEqual(['Send the letter to the ministry'])
    expect(await items('owner=me', w.backbone)).toEqual(['Book the hall'])
    expect(await items(`partnerId=${w.partnerId}`, w.participant)).toEqual(['Send the letter to the ministry'])
    expect(await items('overdue=true', w.participant)).toEqual(['Send the letter to the ministry'])
    expect((await api(w.url, 'GET', `/api/initiatives/${w.id}/action-items?overdue=maybe`, { as: w.backbone })).status).toBe(400)

    const csv = await fetch(`${w.url}/api/initiatives/${w.id}/decisions/export?format=csv`, { headers: headers(w.participant) })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text.startsWith('\uFEFFid,meeting,meeting_date,statement')).toBe(true)
    expect(text).toContain('מְמַמְּנִים ארבע קייטנות קיץ')
    const json = await api(w.url, 'GET', `/api/initiatives/${w.id}/action-items/export?format=json`, { as: w.participant })
    expect(actionItemListAnswer.parse(json.body).actionItems).toHaveLength(2)
    const itemsCsv = await (await fetch(`${w.url}/api/initiatives/${w.id}/action-items/export?format=csv`, { headers: headers(w.backbone) })).text()
    expect(itemsCsv).toContain('Send the letter to the ministry')
    expect(itemsCsv).toContain('City schools')
  })

  it('exports the series as .ics: one VEVENT per date at 17:00 New York time on both sides of the March change', async () => {
    const w = await setup()
    // Next year's late February: the US moves to summer time on the second Sunday of March.
    const year = new Date().getUTCFullYear() + 1
    const series = seriesAnswer.parse(
      (
        await api(w.url, 'POST', `/api/initiatives/${w.id}/meeting-series`, {
          as: w.backbone,
          body: {
            title: 'Board · ועד',
            startDate: `${year}-02-25`,
            time: '17:00',
            timeZone: 'America/New_York',
            everyWeeks: 1,
            durationMinutes: 60,
            until: `${year}-03-25`,
          },
        })
      ).body,
    ).series
    const answer = await fetch(`${w.url}/api/initiatives/${w.id}/meeting-series/${series.id}/calendar`, { headers: headers(w.participant) })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toContain('text/calendar')
    const calendar = new ICAL.Component(ICAL.parse(await answer.text()))
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    expect(events).toHaveLength(5)
    expect(events.every((e) => e.summary === 'Board · ועד')).toBe(true)
    const secondSunday = (() => {
      const d = new Date(Date.UTC(year, 2, 1))
      while (d.getUTCDay() !== 0) d.setUTCDate(d.getUTCDate() + 1)
      d.setUTCDate(d.getUTCDate() + 7)
      return d.toISOString().slice(0, 10)
    })()
    const newYork = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    for (const event of events) {
      const start = event.startDate.toJSDate()
      const end = event.endDate.toJSDate()
      const day = start.toISOString().slice(0, 10)
      expect(newYork.format(start)).toBe('17:00')
      expect(end.getTime() - start.getTime()).toBe(60 * 60_000)
      // 17:00 EST is 22:00 UTC; 17:00 EDT is 21:00 UTC.
      expect(start.getUTCHours()).toBe(day < secondSunday ? 22 : 21)
    }
    expect(events.map((e) => e.startDate.toJSDate().toISOString().slice(0, 10))).toEqual([
      `${year}-02-25`,
      `${year}-03-04`,
      `${year}-03-11`,
      `${year}-03-18`,
      `${year}-03-25`,
    ])
    expect(new Set(events.map((e) => e.uid)).size).toBe(5)
  })
})

describe('the demo steering committee', () => {
  it('has a biweekly series, four past meetings in English and Hebrew, and the next one prepared with what was left open', async () => {
    const server = await startTestServer({ access: 'enforced', seedDemo: true })
    const noa = await signIn(server.url, 'backbone@demo.local', 'demo-password')
    const initiatives = await api(server.url, 'GET', '/api/initiatives', { as: noa })
    const id = initiatives.body.initiatives[0].id as string
    const series = (await api(server.url, 'GET', `/api/initiatives/${id}/meeting-series`, { as: noa })).body.series
    expect(series).toHaveLength(1)
    expect(series[0].series).toMatchObject({ everyWeeks: 2, time: '17:00', timeZone: 'Asia/Jerusalem' })
    const list = meetingListAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/meetings`, { as: noa })).body)
    expect(list.meetings).toHaveLength(5)
    const next = list.meetings.at(-1)!
    expect(Date.parse(next.end)).toBeGreaterThan(Date.now())
    expect(list.meetings.slice(0, 4).every((m) => Date.parse(m.start) < Date.now())).toBe(true)
    const detail = meetingAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/meetings/${next.id}`, { as: noa })).body)
    expect(detail.carriedOverFrom).toBe(list.meetings[3]!.id)
    expect(detail.actionItems.map((a) => a.status)).toEqual(['open', 'open'])
    expect(detail.actionItems.every((a) => a.carriedFrom !== null)).toBe(true)
    const decisions = decisionListAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/decisions`, { as: noa })).body).decisions
    expect(decisions.map((d) => d.status)).toContain('superseded')
    expect(decisions.some((d) => /[\u0590-\u05FF]/.test(d.statement))).toBe(true)
    const items = actionItemListAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/action-items`, { as: noa })).body).actionItems
    expect(items.filter((a) => a.status === 'done').length).toBeGreaterThanOrEqual(4)
    expect(items.some((a) => a.overdue)).toBe(true)
    // Every meeting block is valid.
    for (const m of list.meetings) {
      const d = meetingAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/meetings/${m.id}`, { as: noa })).body)
      expect([...d.items, ...d.decisions, ...d.actionItems].flatMap((r) => r.issues)).toEqual([])
    }
  })
})
