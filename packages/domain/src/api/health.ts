// GET /api/health: liveness plus a few gauges for operators.
import * as z from 'zod'

export const healthAnswer = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptime: z.number().int().meta({ description: 'Seconds.' }),
  documents: z.number().int().meta({ description: 'Documents open in memory.' }),
  connections: z.number().int(),
})
export type HealthAnswer = z.output<typeof healthAnswer>
