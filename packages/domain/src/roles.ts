// Who takes part: roles per initiative, the sectors partners come from, interface languages,
// and the id rule for initiatives and partners. docs/permissions.md is the human-readable form.

/** A person's role in one initiative. The public has no role (no membership, maybe no account). */
export const ROLES = ['backbone', 'partner', 'participant'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export const SECTORS = ['government', 'business', 'nonprofit', 'philanthropy', 'education', 'health', 'community', 'academia', 'other'] as const
export type Sector = (typeof SECTORS)[number]

export function isSector(value: unknown): value is Sector {
  return typeof value === 'string' && (SECTORS as readonly string[]).includes(value)
}

/**
 * The sectors a coalition can lack, in order: every sector but `other`, a catch-all for partners
 * who fit none of them — no coalition is missing "other", so it is never counted or listed as missing.
 */
export const COVERAGE_SECTORS: readonly Sector[] = SECTORS.filter((sector) => sector !== 'other')

/** The sectors of COVERAGE_SECTORS none of the partners comes from, in order. */
export function missingSectors(partnerSectors: Iterable<Sector>): Sector[] {
  const present = new Set(partnerSectors)
  return COVERAGE_SECTORS.filter((sector) => !present.has(sector))
}

/** The default colour of a partner of each sector (a partner may choose another). */
export const SECTOR_COLORS: Record<Sector, string> = {
  government: '#1f5fa8',
  business: '#b5651d',
  nonprofit: '#2e8b57',
  philanthropy: '#8e44ad',
  education: '#c0392b',
  health: '#16a085',
  community: '#d4a017',
  academia: '#34495e',
  other: '#7f8c8d',
}

export const LANGUAGES = ['he', 'ar', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

/** Initiative and partner ids: lowercase letters, digits and `-`, 1–40 characters. */
export const ENTITY_ID = /^[a-z0-9][a-z0-9-]{0,39}$/

export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && ENTITY_ID.test(value)
}
