// The authorization matrix's rows for meetings (MEETING_OPERATIONS in
// packages/domain/src/api/meetingOperations.ts): every member reads series, meetings, the decision
// log and the action items; only backbone staff create, change and prepare. What they need: a
// biweekly series that began a year ago and a single meeting with a decision and an action item
// (written by a real y-websocket client).
import * as Y from 'yjs'
import { expect } from 'vitest'
import { api } from './accounts.ts'
import { connectSynced } from './clients.ts'
import type { MatrixWorld } from './authzDomainRows.ts'
import { BACKBONE, MEMBERS, type Row } from './authzTable.ts'
import { waitFor } from './wait.ts'

const seeded = { seriesId: '', meetingId: '' }

async function asBackbone(world: MatrixWorld, method: string, path: string, body?: unknown) {
  const answer = await api(world.url, method, path, { as: world.backbone, body })
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body
}

export async function seedMeetings(world: MatrixWorld): Promise<void> {
  const i = `/api/initiatives/${world.initiativeId}`
  const start = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
  seeded.seriesId = (await asBackbone(world, 'POST', `${i}/meeting-series`, { title: 'Matrix committee', startDate: start, time: '17:00' })).series.id
  const meeting = (await asBackbone(world, 'POST', `${i}/meetings`, { title: 'Matrix meeting', date: start, time: '10:00' })).meeting
  seeded.meetingId = meeting.id
  const client = await connectSynced(world.syncUrl, meeting.documentName, { headers: { cookie: world.backbone.cookie } })
  const decision = new Y.XmlElement('decisionBlock')
  decision.setAttribute('id', 'd-matrix00001')
  decision.setAttribute('statement', 'The matrix decides')
  const action = new Y.XmlElement('actionItemBlock')
  action.setAttribute('id', 'a-matrix00001')
  action.setAttribute('title', 'The matrix acts')
  action.setAttribute('ownerId', world.backbone.userId)
  client.doc.getXmlFragment('default').insert(0, [decision, action])
  await waitFor(async () => (await asBackbone(world, 'GET', `${i}/meetings/${meeting.id}`)).actionItems.length === 1, {
    what: 'the matrix meeting in the read model',
  })
  await client.destroy()
}

export function meetingRows(world: MatrixWorld): Row[] {
  const i = () => `/api/initiatives/${world.initiativeId}`
  const series = () => `${i()}/meeting-series/${seeded.seriesId}`
  const meeting = () => `${i()}/meetings/${seeded.meetingId}`
  return [
    {
      route: 'GET /api/initiatives/:id/meeting-series',
      request: () => ({ method: 'GET', path: `${i()}/meeting-series` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.series.map((s: { series: { id: string } }) => s.series.id)).toContain(seeded.seriesId),
    },
    {
      route: 'POST /api/initiatives/:id/meeting-series',
      request: () => ({ method: 'POST', path: `${i()}/meeting-series`, body: { title: 'Another committee', startDate: '2026-03-12', time: '09:00' } }),
      expect: BACKBONE(201),
      check: (body) => expect(body.series.everyWeeks).toBe(2),
    },
    {
      route: 'GET /api/initiatives/:id/meeting-series/:seriesId',
      request: () => ({ method: 'GET', path: series() }),
      expect: MEMBERS(200),
      check: (body) => expect(body.upcoming.length).toBeGreaterThan(0),
    },
    {
      route: 'PATCH /api/initiatives/:id/meeting-series/:seriesId',
      request: () => ({ method: 'PATCH', path: series(), body: { title: 'Matrix committee' } }),
      expect: BACKBONE(200),
    },
    {
      route: 'GET /api/initiatives/:id/meeting-series/:seriesId/calendar',
      request: () => ({ method: 'GET', path: `${series()}/calendar` }),
      expect: MEMBERS(200),
      check: (body, _caller, contentType) => {
        expect(contentType).toContain('text/calendar')
        expect(String(body)).toContain('BEGIN:VEVENT')
      },
    },
    {
      route: 'POST /api/initiatives/:id/meeting-series/:seriesId/next',
      request: () => ({ method: 'POST', path: `${series()}/next` }),
      expect: BACKBONE(200),
      check: (body) => expect(body.meeting.seriesId).toBe(seeded.seriesId),
    },
    {
      route: 'GET /api/initiatives/:id/meetings',
      request: () => ({ method: 'GET', path: `${i()}/meetings` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.meetings.map((m: { id: string }) => m.id)).toContain(seeded.meetingId),
    },
    {
      route: 'POST /api/initiatives/:id/meetings',
      request: () => ({ method: 'POST', path: `${i()}/meetings`, body: { title: 'A single meeting', date: '2026-04-01', time: '12:00' } }),
      expect: BACKBONE(201),
      check: (body) => expect(body.meeting.seriesId).toBeNull(),
    },
    {
      route: 'GET /api/initiatives/:id/meetings/:meetingId',
      request: () => ({ method: 'GET', path: meeting() }),
      expect: MEMBERS(200),
      check: (body) => expect(body.decisions.map((d: { blockId: string }) => d.blockId)).toEqual(['d-matrix00001']),
    },
    {
      route: 'GET /api/initiatives/:id/meetings/:meetingId (no such meeting)',
      request: () => ({ method: 'GET', path: `${i()}/meetings/nosuchmeeting` }),
      expect: MEMBERS(404),
      notFoundCode: (caller) => (caller === 'outsider' ? 'not_found' : 'meeting_not_found'),
      notAboutRoles: true,
    },
    {
      route: 'PATCH /api/initiatives/:id/meetings/:meetingId',
      request: () => ({ method: 'PATCH', path: meeting(), body: { title: 'Matrix meeting' } }),
      expect: BACKBONE(200),
    },
    {
      route: 'POST /api/initiatives/:id/meetings/:meetingId/prepare',
      request: () => ({ method: 'POST', path: `${meeting()}/prepare` }),
      expect: BACKBONE(200),
      check: (body) => expect(body.added).toBe(0),
    },
    {
      route: 'GET /api/initiatives/:id/decisions',
      request: () => ({ method: 'GET', path: `${i()}/decisions?q=matrix` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.decisions.map((d: { blockId: string }) => d.blockId)).toEqual(['d-matrix00001']),
    },
    {
      route: 'GET /api/initiatives/:id/decisions/export',
      request: () => ({ method: 'GET', path: `${i()}/decisions/export?format=csv` }),
      expect: MEMBERS(200),
      check: (body, _caller, contentType) => {
        expect(contentType).toContain('text/csv')
        expect(String(body)).toContain('The matrix decides')
      },
    },
    {
      route: 'GET /api/initiatives/:id/action-items',
      request: () => ({ method: 'GET', path: `${i()}/action-items?status=open` }),
      expect: MEMBERS(200),
      // Once, wherever it is now (the next meeting's preparation may have carried it over).
      check: (body) => expect(body.actionItems.filter((a: { title: string }) => a.title === 'The matrix acts')).toHaveLength(1),
    },
    {
      route: 'GET /api/initiatives/:id/action-items/export',
      request: () => ({ method: 'GET', path: `${i()}/action-items/export?format=json` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.actionItems.length).toBeGreaterThanOrEqual(1),
    },
  ]
}
