// The authorization matrix's rows for the common agenda, measurements, the report card, the
// activity map and document history (AGENDA_OPERATIONS, MEASUREMENT_OPERATIONS, HISTORY_OPERATIONS in
// packages/domain/src/api/domainOperations.ts), with the statuses of the access matrix
// (packages/domain/src/actions.ts), and what they need: an agenda with a goal and an indicator,
// one submitted value, a published report card.
import * as Y from 'yjs'
import { expect } from 'vitest'
import { reportCardAnswer } from '@common-ground/domain'
import { api, type Account } from './accounts.ts'
import { connectSynced } from './clients.ts'
import { BACKBONE, MEMBERS, ALL, matrixCall, type CallerName, type Row } from './authzTable.ts'
import { waitFor } from './wait.ts'

export interface MatrixWorld {
  url: string
  syncUrl: string
  initiativeId: string
  publishedId: string
  backbone: Account
  ownPartnerId: string
}

export const MATRIX_INDICATOR = 'i-matrix00001'
export const MATRIX_GOAL = 'g-matrix00001'

async function asBackbone(world: MatrixWorld, method: string, path: string, body?: unknown) {
  const answer = await api(world.url, method, path, { as: world.backbone, body })
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body
}

/** The agenda gets a goal and an indicator (written by a real y-websocket client); the sheet one submitted value of the own partner. */
export async function seedDomain(world: MatrixWorld): Promise<void> {
  const i = `/api/initiatives/${world.initiativeId}`
  const agenda = await connectSynced(world.syncUrl, `i/${world.initiativeId}/agenda`, { headers: { cookie: world.backbone.cookie } })
  const fragment = agenda.doc.getXmlFragment('default')
  const goal = new Y.XmlElement('goalBlock')
  goal.setAttribute('id', MATRIX_GOAL)
  goal.setAttribute('statement', 'Every child reads by third grade')
  const indicator = new Y.XmlElement('indicatorBlock')
  for (const [key, value] of Object.entries({
    id: MATRIX_INDICATOR,
    name: 'Readers',
    valueType: 'count',
    frequency: 'yearly',
    ownerPartnerId: world.ownPartnerId,
  }))
    indicator.setAttribute(key, value)
  fragment.insert(fragment.length, [goal, indicator])
  await waitFor(async () => (await asBackbone(world, 'GET', `${i}/indicators`)).indicators.length === 1, { what: 'the indicator in the read model' })
  await agenda.destroy()
  const imported = await matrixCall(
    world.url,
    { method: 'POST', path: `${i}/measurements/import`, csv: `indicator,period,partner,value\n${MATRIX_INDICATOR},2023,${world.ownPartnerId},40\n` },
    { as: world.backbone },
  )
  if (imported.status !== 200) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body)}`)
  await asBackbone(world, 'PUT', `/api/initiatives/${world.publishedId}/publication`, { kind: 'reportCard', published: true })
}

/** The seeded submitted value as the backbone sees it now (its fingerprint changes with every decision-free edit). */
async function seededMeasurement(world: MatrixWorld): Promise<{ key: string; fingerprint: string }> {
  const body = await asBackbone(world, 'GET', `/api/initiatives/${world.initiativeId}/measurements?period=2023`)
  return body.measurements[0]
}

const csvAnswer = (contentType: string, body: unknown) => {
  expect(contentType).toContain('text/csv')
  expect(String(body)).toContain(MATRIX_INDICATOR)
}

export function domainRows(world: MatrixWorld): Row[] {
  const i = () => `/api/initiatives/${world.initiativeId}`
  const ENDORSERS: Record<CallerName, number> = { backbone: 403, executive: 201, participant: 403, outsider: 404, anonymous: 401 }
  const IMPORTERS: Record<CallerName, number> = { backbone: 200, executive: 200, participant: 403, outsider: 404, anonymous: 401 }
  const EDITORS = (status: number): Record<CallerName, number> => ({ backbone: status, executive: status, participant: 403, outsider: 404, anonymous: 401 })
  const agenda = () => encodeURIComponent(`i/${world.initiativeId}/agenda`)
  return [
    // ——— the common agenda ———
    {
      route: 'GET /api/initiatives/:id/agenda',
      request: () => ({ method: 'GET', path: `${i()}/agenda` }),
      expect: MEMBERS(200),
      check: (body) => {
        expect(body.goals.map((g: { id: string }) => g.id)).toEqual([MATRIX_GOAL])
        expect(body.indicators.map((x: { id: string }) => x.id)).toEqual([MATRIX_INDICATOR])
      },
    },
    {
      route: 'GET /api/initiatives/:id/goals',
      request: () => ({ method: 'GET', path: `${i()}/goals` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.goals).toHaveLength(1),
    },
    {
      route: 'GET /api/initiatives/:id/indicators',
      request: () => ({ method: 'GET', path: `${i()}/indicators` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.indicators).toHaveLength(1),
    },
    {
      route: 'GET /api/initiatives/:id/indicators/:indicatorId',
      request: () => ({ method: 'GET', path: `${i()}/indicators/${MATRIX_INDICATOR}` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.indicator.id).toBe(MATRIX_INDICATOR),
    },
    {
      route: 'GET /api/initiatives/:id/indicators/:indicatorId (no such indicator)',
      request: () => ({ method: 'GET', path: `${i()}/indicators/i-nosuch00001` }),
      expect: { ...MEMBERS(404), anonymous: 401 },
      notFoundCode: (caller) => (caller === 'outsider' ? 'not_found' : 'indicator_not_found'),
      notAboutRoles: true,
    },
    {
      route: 'GET /api/initiatives/:id/indicators/export',
      request: () => ({ method: 'GET', path: `${i()}/indicators/export?format=csv` }),
      expect: MEMBERS(200),
      check: (body, _caller, contentType) => csvAnswer(contentType, body),
    },
    {
      route: 'GET /api/initiatives/:id/agenda/endorsements',
      request: () => ({ method: 'GET', path: `${i()}/agenda/endorsements` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.version).toBeGreaterThan(0),
    },
    {
      route: 'POST /api/initiatives/:id/agenda/endorsements',
      request: async () => {
        const { version } = await asBackbone(world, 'GET', `${i()}/agenda/endorsements`)
        return { method: 'POST', path: `${i()}/agenda/endorsements`, body: { version } }
      },
      expect: ENDORSERS,
      check: (body) =>
        expect(body.endorsements.map((e: { partnerId: string; current: boolean }) => [e.partnerId, e.current])).toEqual([[world.ownPartnerId, true]]),
    },

    // ——— measurements ———
    {
      route: 'GET /api/initiatives/:id/measurements',
      request: () => ({ method: 'GET', path: `${i()}/measurements` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.measurements.length).toBeGreaterThanOrEqual(1),
    },
    {
      route: 'GET /api/initiatives/:id/measurements/history',
      request: async () => ({ method: 'GET', path: `${i()}/measurements/history?key=${encodeURIComponent((await seededMeasurement(world)).key)}` }),
      expect: MEMBERS(200),
      check: (body) => expect(Array.isArray(body.history)).toBe(true),
    },
    {
      route: 'POST /api/initiatives/:id/measurements/approvals',
      request: async () => {
        const { key, fingerprint } = await seededMeasurement(world)
        return { method: 'POST', path: `${i()}/measurements/approvals`, body: { decisions: [{ key, fingerprint, decision: 'approve' }] } }
      },
      expect: BACKBONE(200),
      check: (body) => expect(body.measurements.map((m: { workflow: string }) => m.workflow)).toEqual(['approved']),
    },
    {
      // A partner executive's rows go to their own partner, the backbone's to the initiative-wide row.
      route: 'POST /api/initiatives/:id/measurements/import',
      request: () => ({ method: 'POST', path: `${i()}/measurements/import`, csv: `indicator,period,value\n${MATRIX_INDICATOR},2024,41\n` }),
      expect: IMPORTERS,
      check: (body) => expect(body).toMatchObject({ rows: 1, errorCount: 0 }),
    },
    {
      route: 'POST /api/initiatives/:id/measurements/import (dry run)',
      request: () => ({ method: 'POST', path: `${i()}/measurements/import?dryRun=true`, csv: `indicator,period,value\n${MATRIX_INDICATOR},2025,42\n` }),
      expect: IMPORTERS,
      check: (body) => expect(body).toMatchObject({ dryRun: true, imported: 0 }),
    },
    {
      route: 'GET /api/initiatives/:id/measurements/export',
      request: () => ({ method: 'GET', path: `${i()}/measurements/export?format=csv` }),
      expect: MEMBERS(200),
      check: (body, _caller, contentType) => csvAnswer(contentType, body),
    },
    {
      route: 'GET /api/initiatives/:id/reporting-status',
      request: () => ({ method: 'GET', path: `${i()}/reporting-status` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.rows.some((r: { indicatorId: string }) => r.indicatorId === MATRIX_INDICATOR)).toBe(true),
    },
    {
      route: 'GET /api/initiatives/:id/report-card',
      request: () => ({ method: 'GET', path: `${i()}/report-card` }),
      expect: MEMBERS(200),
      check: (body) => expect(reportCardAnswer.parse(body).goals.map((g) => g.id)).toEqual([MATRIX_GOAL]),
    },
    {
      route: 'PUT /api/initiatives/:id/publication (report card)',
      // Unpublishing an unpublished report card changes nothing: the matrix initiative's card stays private.
      request: () => ({ method: 'PUT', path: `${i()}/publication`, body: { kind: 'reportCard', published: false } }),
      expect: BACKBONE(200),
    },
    {
      route: 'GET /api/public/initiatives/:id/report-card (published)',
      request: () => ({ method: 'GET', path: `/api/public/initiatives/${world.publishedId}/report-card` }),
      expect: ALL(200),
      check: (body) => expect(reportCardAnswer.parse(body).initiativeId).toBe(world.publishedId),
    },
    {
      route: 'GET /api/public/initiatives/:id/report-card (unpublished)',
      request: () => ({ method: 'GET', path: `/api/public/initiatives/${world.initiativeId}/report-card` }),
      expect: ALL(404),
    },

    // ——— document history ———
    {
      route: 'GET /api/initiatives/:id/history/versions',
      request: () => ({ method: 'GET', path: `${i()}/history/versions?document=${agenda()}` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.versions.length).toBeGreaterThanOrEqual(1),
    },
    {
      route: 'POST /api/initiatives/:id/history/versions',
      request: () => ({
        method: 'POST',
        path: `${i()}/history/versions`,
        body: { document: decodeURIComponent(agenda()), name: 'Agreed at the matrix meeting' },
      }),
      expect: EDITORS(201),
      check: (body) => expect(body.version.names.at(-1).name).toBe('Agreed at the matrix meeting'),
    },
    {
      route: 'GET /api/initiatives/:id/history/compare',
      request: () => ({ method: 'GET', path: `${i()}/history/compare?document=${agenda()}&from=0` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.changes.some((c: { id: string }) => c.id === MATRIX_GOAL)).toBe(true),
    },
    {
      // Restoring the current version changes nothing: the agenda stays as the rows before it left it.
      route: 'POST /api/initiatives/:id/history/restore',
      request: async () => {
        const { latestSeq } = await asBackbone(world, 'GET', `${i()}/history/versions?document=${agenda()}`)
        return { method: 'POST', path: `${i()}/history/restore`, body: { document: decodeURIComponent(agenda()), version: latestSeq } }
      },
      expect: EDITORS(200),
      check: (body) => expect(body.version).toBeNull(),
    },
    {
      route: 'GET /api/initiatives/:id/history/changes',
      request: () => ({ method: 'GET', path: `${i()}/history/changes` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.documents.some((d: { document: string }) => d.document === decodeURIComponent(agenda()))).toBe(true),
    },
    {
      route: 'POST /api/initiatives/:id/history/seen',
      request: () => ({ method: 'POST', path: `${i()}/history/seen`, body: { document: decodeURIComponent(agenda()) } }),
      expect: MEMBERS(200),
      check: (body) => expect(body.seq).toBeGreaterThan(0),
    },

    // ——— the initiative archive ———
    {
      route: 'GET /api/initiatives/:id/export',
      request: () => ({ method: 'GET', path: `${i()}/export` }),
      expect: BACKBONE(200),
      check: (body, _caller, contentType) => {
        expect(contentType).toBe('application/x-tar')
        expect(String(body)).toContain('common-ground-initiative-archive')
      },
    },
    // ——— the activity map (read over HTTP; written in the map document) ———
    {
      route: 'GET /api/initiatives/:id/activities',
      request: () => ({ method: 'GET', path: `${i()}/activities?goalId=${MATRIX_GOAL}` }),
      expect: MEMBERS(200),
      check: (body) => expect(body).toMatchObject({ documentName: `i/${world.initiativeId}/activities`, activities: [], strategies: [] }),
    },
    {
      route: 'GET /api/initiatives/:id/activities/relations',
      request: () => ({ method: 'GET', path: `${i()}/activities/relations` }),
      expect: MEMBERS(200),
      check: (body) => expect(body.relations).toEqual([]),
    },
    {
      route: 'GET /api/initiatives/:id/activities/findings',
      request: () => ({ method: 'GET', path: `${i()}/activities/findings` }),
      expect: MEMBERS(200),
      // No activity yet: the goal and the indicator are gaps.
      check: (body) => expect(body.findings).toEqual(expect.arrayContaining([{ kind: 'goal_gap', goalId: MATRIX_GOAL }])),
    },
    {
      route: 'GET /api/initiatives/:id/activities/export',
      request: () => ({ method: 'GET', path: `${i()}/activities/export?format=csv` }),
      expect: MEMBERS(200),
      check: (_body, _caller, contentType) => expect(contentType).toContain('text/csv'),
    },
  ]
}
