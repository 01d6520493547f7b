// /api/initiatives/:id/partners: the partner organisations at the table and the sector coverage.
import * as z from 'zod'
import { sectorSchema } from './common.ts'
import { PARTNER_NAME_MAX, fields } from './fields.ts'

// ——— requests ———
export const createPartnerBody = z.object({
  name: fields.name(PARTNER_NAME_MAX),
  sector: sectorSchema,
  website: fields.website.optional(),
  color: fields.color.optional().meta({ description: "`#rrggbb`; defaults to the sector's colour." }),
})
export type CreatePartnerBody = z.input<typeof createPartnerBody>

export const updatePartnerBody = z.object({
  name: fields.name(PARTNER_NAME_MAX).optional(),
  sector: sectorSchema.optional(),
  website: fields.website.optional(),
  color: fields.color.optional(),
})
export type UpdatePartnerBody = z.input<typeof updatePartnerBody>

// ——— answers ———
export const partnerSchema = z.object({
  id: z.string(),
  initiativeId: z.string(),
  name: z.string(),
  sector: sectorSchema,
  website: z.string(),
  color: z.string(),
  documentName: z.string(),
  memberCount: z.number().int(),
})
export type Partner = z.output<typeof partnerSchema>

export const coverageSchema = z.object({ sector: sectorSchema, partnerIds: z.array(z.string()) })
export type Coverage = z.output<typeof coverageSchema>

export const sectorCoverageSchema = z.object({
  coverage: z.array(coverageSchema).meta({ description: 'All sectors, in order.' }),
  missing: z
    .array(sectorSchema)
    .meta({ description: 'The sectors no partner comes from, in order; never `other` (a catch-all, not a sector a coalition lacks).' }),
})
export type SectorCoverage = z.output<typeof sectorCoverageSchema>

export const partnerListAnswer = z.object({ partners: z.array(partnerSchema), ...sectorCoverageSchema.shape })
export type PartnerListAnswer = z.output<typeof partnerListAnswer>

export const partnerAnswer = z.object({ partner: partnerSchema })
export type PartnerAnswer = z.output<typeof partnerAnswer>
