// The demo initiative shows the agenda and shared measurement: structured blocks (one deliberately
// incomplete), several years of values without a validation issue, most approved (some left
// for the approval queue, one returned), a report card with trends (published), and the partner's endorsement.
import { describe, expect, it } from 'vitest'
import { agendaAnswer, indicatorAnswer, measurementListAnswer, reportCardAnswer } from '@common-ground/domain'
import { DEMO_PASSWORD } from '../../server/src/demo/seedDemo.ts'
import { api, signIn } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { startTestServer } from './helpers/server.ts'

useCleanup()

describe('the demo initiative', () => {
  it('has goals, indicators, a glossary, measurements, approvals, a report card and an endorsement', async () => {
    const server = await startTestServer({ access: 'enforced', seedDemo: true })
    const backbone = await signIn(server.url, 'backbone@demo.local', DEMO_PASSWORD)
    const id = 'beer-sheva-c2c'
    const agenda = agendaAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/agenda`, { as: backbone })).body)
    expect(agenda.goals).toHaveLength(4)
    expect(agenda.indicators.length).toBeGreaterThanOrEqual(8)
    expect(agenda.indicators.filter((i) => i.issues.length > 0).map((i) => i.id)).toEqual(['i-parents0001'])
    expect(agenda.glossary.length).toBeGreaterThanOrEqual(8)
    expect(agenda.glossary.every((t) => t.issues.length === 0)).toBe(true)
    // The partner endorsed, then an interim target was added: the endorsement is of an earlier version,
    // and matriculation eligibility is at version 2 with its values still at version 1.
    expect(agenda.endorsements).toEqual([expect.objectContaining({ partnerId: 'municipality', current: false })])
    const matric = agenda.indicators.find((i) => i.id === 'i-matric00001')!
    expect(matric.version).toBe(2)
    const versions = indicatorAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/indicators/i-matric00001`, { as: backbone })).body).versions
    expect(versions.map((v) => [v.version, v.changedFields])).toEqual([
      [1, []],
      [2, ['targets']],
    ])

    const { measurements } = measurementListAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/measurements`, { as: backbone })).body)
    expect(measurements.length).toBeGreaterThan(100)
    expect(measurements.filter((m) => m.issues.length > 0)).toEqual([])
    expect(measurements.filter((m) => m.indicatorId === 'i-matric00001').every((m) => m.definitionVersion === 1)).toBe(true)
    const workflows = new Set(measurements.map((m) => m.workflow))
    expect([...workflows].sort()).toEqual(['approved', 'draft', 'returned', 'submitted'])

    const card = reportCardAnswer.parse((await api(server.url, 'GET', `/api/initiatives/${id}/report-card`, { as: backbone })).body)
    const all = [...card.goals.flatMap((g) => g.indicators), ...card.unassigned]
    const readiness = all.find((i) => i.id === 'i-readiness01')!
    expect(readiness.series.length).toBeGreaterThanOrEqual(5)
    expect(readiness.trend).toBe('better')
    expect(all.find((i) => i.id === 'i-absence0001')!.trend).toBe('worse')
    expect(all.find((i) => i.id === 'i-employ00001')!.freshness).toBe('stale')
    expect(all.find((i) => i.id === 'i-funds000001')!.freshness).toBe('missing')
    expect(card.headline.withTrend).toBeGreaterThanOrEqual(5)

    // The demo publishes the report card: anyone reads the same figures without signing in.
    const publicCard = await api(server.url, 'GET', `/api/public/initiatives/${id}/report-card`)
    expect(publicCard.status).toBe(200)
    expect(reportCardAnswer.parse(publicCard.body).headline).toEqual(card.headline)
  })
})
