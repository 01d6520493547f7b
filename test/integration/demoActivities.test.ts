// The demo initiative's activity map (server/src/demo/demoActivities.ts): dozens of activities
// over all eight partners, in English and Hebrew, strategies and relations, every reference valid
// against the demo agenda, and findings for the coordination panel to show.
import { beforeAll, describe, expect, it } from 'vitest'
import { activityListAnswer, findingsAnswer, relationListAnswer } from '@common-ground/domain'
import { api, signIn, type Account } from './helpers/accounts.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'

let server: TestServer
let participant: Account
const base = '/api/initiatives/beer-sheva-c2c/activities'

beforeAll(async () => {
  server = await startTestServer({ access: 'enforced', seedDemo: true })
  participant = await signIn(server.url, 'participant@demo.local', 'demo-password')
})

async function get(path: string) {
  const answer = await api(server.url, 'GET', path, { as: participant })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body
}

describe('the demo activity map', () => {
  it('has dozens of valid activities over every partner, in English and Hebrew, with strategies and relations', async () => {
    const { activities, strategies } = activityListAnswer.parse(await get(base))
    expect(activities.length).toBeGreaterThanOrEqual(30)
    expect(activities.filter((a) => a.issues.length > 0)).toEqual([])
    const leads = new Set(activities.map((a) => a.leadPartnerId))
    expect(leads.size).toBe(8)
    expect(activities.every((a) => /[\u05d0-\u05ea]/.test(a.title) && /[A-Za-z]/.test(a.title))).toBe(true)
    expect(new Set(activities.map((a) => a.status))).toEqual(new Set(['planned', 'active', 'paused', 'done', 'dropped']))
    expect(strategies).toHaveLength(4)
    const { relations } = relationListAnswer.parse(await get(`${base}/relations`))
    expect(relations.length).toBeGreaterThanOrEqual(20)
    expect(relations.filter((r) => r.issues.length > 0)).toEqual([])
    expect(relations.filter((r) => r.status === 'proposed').map((r) => r.proposedBy)).toEqual(expect.arrayContaining(['school-network', 'municipality']))
  })

  it('gives the coordination check something to say', async () => {
    const { findings } = findingsAnswer.parse(await get(`${base}/findings`))
    const duplicate = findings.find((f) => f.kind === 'possible_duplicate' && f.activityIds.join() === 'a-readclub01,a-readprog01')
    expect(duplicate).toMatchObject({ relationId: 'r-readdup01', reason: { sharedGoalIds: ['g-school00001'] } })
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'indicator_gap', indicatorId: 'i-funds000001' }))
    expect(findings.filter((f) => f.kind === 'unmeasured_activity').length).toBeGreaterThan(3)
    expect(findings.filter((f) => f.kind === 'idle_partner')).toEqual([])
    expect(findings.filter((f) => f.kind === 'goal_gap')).toEqual([])
    expect(findings.filter((f) => f.kind === 'uncovered_sector').map((f) => f.kind === 'uncovered_sector' && f.sector)).toEqual(['other'])
  })
})
