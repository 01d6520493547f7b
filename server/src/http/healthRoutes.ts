// GET /api/health: liveness plus a few gauges for operators.
import { Hono } from 'hono'
import type { HealthAnswer } from '@common-ground/domain'

export interface HealthSource {
  version: string
  startedAt: number
  openDocuments(): number
  connections(): number
}

export function healthRoutes(source: HealthSource) {
  return new Hono().get('/', (c) =>
    c.json({
      status: 'ok',
      version: source.version,
      uptime: Math.round((Date.now() - source.startedAt) / 1000),
      documents: source.openDocuments(),
      connections: source.connections(),
    } satisfies HealthAnswer),
  )
}
