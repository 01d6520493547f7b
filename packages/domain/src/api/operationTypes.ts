// The types of the operations table (one row per HTTP route) and the small builders its rows use.
import type * as z from 'zod'
import type { Action } from '../actions.ts'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * Who may call an operation: `public` needs no sign-in; `optional` answers anyone, by what the
 * caller may see; `user` needs a session or a token (401 unauthenticated otherwise).
 */
export type OperationAuth = 'public' | 'optional' | 'user'

export interface OperationResponse {
  description: string
  /** The JSON body; absent for an answer without a body (204). */
  schema?: z.ZodType
  /** A body that is not JSON (the API reference page). */
  contentType?: string
}

export interface OperationError {
  status: number
  code: string
  when: string
}

export interface ApiOperation {
  method: HttpMethod
  /** OpenAPI form: `/api/initiatives/{id}`; each `{param}` is a path parameter. */
  path: string
  summary: string
  tags: readonly ApiTag[]
  auth: OperationAuth
  /** Membership of the initiative `{id}` is required (404 not_found otherwise: existence is not revealed). */
  member?: boolean
  /** The role permission the route checks (403 forbidden otherwise; docs/permissions.md). */
  action?: Action
  body?: z.ZodType
  /** A body that is not JSON (a CSV upload): its media type, size limit and what it holds. */
  rawBody?: { contentType: string; maxBytes: number; description: string }
  query?: z.ZodObject
  responses: Readonly<Record<number, OperationResponse>>
  /** The errors specific to this operation; the ones every route can give are added by the generator (`commonErrors`). */
  errors?: readonly OperationError[]
}

export const API_TAGS = {
  accounts: 'Sign-up, sign-in, the caller and personal access tokens',
  initiatives: 'Initiatives and their publication',
  partners: 'Partner organisations and sector coverage',
  members: 'Members and their roles',
  invitations: 'Invitation links',
  audit: 'The audit log',
  public: 'What anyone may read',
  documents: 'Documents and access to them',
  agenda: 'The common agenda: goals, indicators, glossary, endorsements (derived from the agenda document)',
  measurement: 'Measurements, approvals, CSV import and export',
  activities: 'The activity map: activities, strategies, relations and the coordination check (derived from the map document)',
  reportCard: 'The community report card and who has reported',
  meetings: 'Meeting series, meetings, decisions and action items (derived from each meeting document), carry-over',
  operations: 'Health and this reference',
} as const
export type ApiTag = keyof typeof API_TAGS

export const ok = (description: string, schema: z.ZodType): OperationResponse => ({ description, schema })
export const noContent = (description: string): OperationResponse => ({ description })
export const notFound = (when = 'No such initiative, or the caller is not a member.'): OperationError => ({ status: 404, code: 'not_found', when })
