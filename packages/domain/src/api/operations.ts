// The operations table: every HTTP route the server mounts, in one list — method, path, summary,
// tags, who may call it, its request schemas, its answers per status and the errors it can give.
// The server's routes validate with the same schemas; the OpenAPI document (GET /api/openapi.json)
// is generated from this table, and a test fails when a mounted route is missing here.
import { auditAnswer, auditQuery } from './audit.ts'
import { authAnswer, createTokenBody, createdTokenAnswer, loginBody, meAnswer, sessionAnswer, signupBody, tokenListAnswer } from './auth.ts'
import { documentAnswer, documentListAnswer } from './documents.ts'
import { healthAnswer } from './health.ts'
import { createInitiativeBody, initiativeAnswer, initiativeListAnswer, publicationBody, updateInitiativeBody } from './initiatives.ts'
import { acceptedInvitationAnswer, createInvitationBody, createdInvitationAnswer, invitationListAnswer, invitationPreviewAnswer } from './invitations.ts'
import { memberAnswer, memberListAnswer, updateMemberBody } from './members.ts'
import { createPartnerBody, partnerAnswer, partnerListAnswer, updatePartnerBody } from './partners.ts'
import { accessQuery, documentAccessAnswer, publicInitiativeAnswer, publicInitiativeListAnswer } from './public.ts'
import { ACCOUNT_OPERATIONS } from './accountOperations.ts'
import { ACTIVITY_OPERATIONS, AGENDA_OPERATIONS, HISTORY_OPERATIONS, MEASUREMENT_OPERATIONS } from './domainOperations.ts'
import { ARCHIVE_OPERATIONS } from './archive.ts'
import { MEETING_OPERATIONS } from './meetingOperations.ts'
import { noContent, notFound, ok, type ApiOperation, type OperationError } from './operationTypes.ts'

export * from './operationTypes.ts'

/** The errors an operation can give besides its own: the guard's, authentication, membership, role, validation. */
export function commonErrors(op: ApiOperation): OperationError[] {
  const errors: OperationError[] = [
    {
      status: 401,
      code: 'unauthenticated',
      when: op.auth === 'user' ? 'Not signed in, or the bearer token is unknown, expired or revoked.' : 'A bearer token that is unknown, expired or revoked.',
    },
    { status: 403, code: 'origin_not_allowed', when: 'An Origin header not on the allow-list.' },
  ]
  if (op.method !== 'get') errors.push({ status: 403, code: 'csrf_failed', when: 'A cookie-authenticated request without the right X-CSRF-Token header.' })
  if (op.member || op.action) errors.push(notFound())
  if (op.action) errors.push({ status: 403, code: 'forbidden', when: `The caller's role may not ${op.action}.` })
  if (op.body) {
    errors.push({ status: 400, code: 'invalid_json', when: 'The body is not JSON.' })
    errors.push({ status: 413, code: 'payload_too_large', when: 'A body over 64 KB.' })
    errors.push({ status: 415, code: 'unsupported_media_type', when: 'A body that is not application/json.' })
  }
  if (op.body || op.query) errors.push({ status: 400, code: 'validation_failed', when: 'A field is missing or wrong: error.fields = { field: code }.' })
  return errors
}

export const API_OPERATIONS = {
  // ——— accounts ———
  signup: {
    method: 'post',
    path: '/api/auth/signup',
    summary: 'Create an account and sign in',
    tags: ['accounts'],
    auth: 'public',
    body: signupBody,
    responses: { 201: ok('The new account; the session cookie is set.', authAnswer) },
    errors: [{ status: 409, code: 'email_taken', when: 'An account with this email exists (fields.email = taken).' }],
  },
  login: {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in',
    tags: ['accounts'],
    auth: 'public',
    body: loginBody,
    responses: { 200: ok('Signed in; the session cookie is set.', authAnswer) },
    errors: [
      { status: 401, code: 'invalid_credentials', when: 'The email or password is wrong.' },
      { status: 429, code: 'rate_limited', when: 'Too many failures for the account or the IP; Retry-After in seconds.' },
    ],
  },
  logout: {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out (ends the session; a token stays valid)',
    tags: ['accounts'],
    auth: 'user',
    responses: { 204: noContent('Signed out; the cookie is cleared.') },
  },
  getSession: {
    method: 'get',
    path: '/api/auth/session',
    summary: 'Who is signed in, if anyone: GET /api/me without the 401',
    tags: ['accounts'],
    auth: 'optional',
    responses: { 200: ok('`me` is the same object as GET /api/me, or null when nobody is signed in.', sessionAnswer) },
  },
  getMe: {
    method: 'get',
    path: '/api/me',
    summary: 'The caller, their CSRF token and memberships',
    tags: ['accounts'],
    auth: 'user',
    responses: { 200: ok('The caller.', meAnswer) },
  },
  listTokens: {
    method: 'get',
    path: '/api/me/tokens',
    summary: "The caller's personal access tokens",
    tags: ['accounts'],
    auth: 'user',
    responses: { 200: ok('Newest first; never the secret.', tokenListAnswer) },
  },
  createToken: {
    method: 'post',
    path: '/api/me/tokens',
    summary: 'Create a personal access token',
    tags: ['accounts'],
    auth: 'user',
    body: createTokenBody,
    responses: { 201: ok('The token and its secret, shown this once.', createdTokenAnswer) },
  },
  revokeToken: {
    method: 'delete',
    path: '/api/me/tokens/{tokenId}',
    summary: 'Revoke a personal access token',
    tags: ['accounts'],
    auth: 'user',
    responses: { 204: noContent('Revoked; connections using it close with 4401.') },
    errors: [notFound("No such token of the caller's.")],
  },
  ...ACCOUNT_OPERATIONS,

  // ——— initiatives ———
  listInitiatives: {
    method: 'get',
    path: '/api/initiatives',
    summary: "The caller's initiatives",
    tags: ['initiatives'],
    auth: 'user',
    responses: { 200: ok('Newest first.', initiativeListAnswer) },
  },
  createInitiative: {
    method: 'post',
    path: '/api/initiatives',
    summary: 'Create an initiative (the caller becomes backbone staff)',
    tags: ['initiatives'],
    auth: 'user',
    body: createInitiativeBody,
    responses: { 201: ok('The new initiative; its agenda document is created.', initiativeAnswer) },
  },
  getInitiative: {
    method: 'get',
    path: '/api/initiatives/{id}',
    summary: 'One initiative',
    tags: ['initiatives'],
    auth: 'user',
    member: true,
    responses: { 200: ok('The initiative as the caller sees it.', initiativeAnswer) },
  },
  updateInitiative: {
    method: 'patch',
    path: '/api/initiatives/{id}',
    summary: 'Change an initiative',
    tags: ['initiatives'],
    auth: 'user',
    action: 'initiative.update',
    body: updateInitiativeBody,
    responses: { 200: ok('The changed initiative.', initiativeAnswer) },
  },
  setPublication: {
    method: 'put',
    path: '/api/initiatives/{id}/publication',
    summary: 'Publish or unpublish a document kind',
    tags: ['initiatives'],
    auth: 'user',
    action: 'initiative.publish',
    body: publicationBody,
    responses: { 200: ok('The changed initiative.', initiativeAnswer) },
  },

  // ——— partners ———
  listPartners: {
    method: 'get',
    path: '/api/initiatives/{id}/partners',
    summary: 'Partners and sector coverage',
    tags: ['partners'],
    auth: 'user',
    action: 'initiative.read',
    responses: { 200: ok('Partners, all sectors with their partners, and the missing sectors.', partnerListAnswer) },
  },
  createPartner: {
    method: 'post',
    path: '/api/initiatives/{id}/partners',
    summary: 'Add a partner',
    tags: ['partners'],
    auth: 'user',
    action: 'partner.create',
    body: createPartnerBody,
    responses: { 201: ok('The new partner; its page document is created.', partnerAnswer) },
  },
  updatePartner: {
    method: 'patch',
    path: '/api/initiatives/{id}/partners/{partnerId}',
    summary: 'Change a partner (backbone, or its own executives)',
    tags: ['partners'],
    auth: 'user',
    action: 'partner.update',
    body: updatePartnerBody,
    responses: { 200: ok('The changed partner.', partnerAnswer) },
    errors: [notFound('No such partner.'), { status: 403, code: 'forbidden', when: 'A partner executive editing another organisation.' }],
  },
  deletePartner: {
    method: 'delete',
    path: '/api/initiatives/{id}/partners/{partnerId}',
    summary: 'Remove a partner',
    tags: ['partners'],
    auth: 'user',
    action: 'partner.delete',
    responses: { 204: noContent('Removed; its pending invitations are revoked.') },
    errors: [notFound('No such partner.'), { status: 409, code: 'partner_has_executives', when: 'Executives are still bound to it.' }],
  },

  // ——— members ———
  listMembers: {
    method: 'get',
    path: '/api/initiatives/{id}/members',
    summary: 'The members',
    tags: ['members'],
    auth: 'user',
    action: 'member.read',
    responses: { 200: ok('Oldest first.', memberListAnswer) },
  },
  updateMember: {
    method: 'patch',
    path: '/api/initiatives/{id}/members/{userId}',
    summary: "Change a member's role",
    tags: ['members'],
    auth: 'user',
    action: 'member.update',
    body: updateMemberBody,
    responses: { 200: ok('The changed member; live connections re-check within a second.', memberAnswer) },
    errors: [notFound('No such member.'), { status: 409, code: 'last_backbone', when: 'The last backbone member would lose the role.' }],
  },
  removeMember: {
    method: 'delete',
    path: '/api/initiatives/{id}/members/{userId}',
    summary: 'Remove a member, or leave',
    tags: ['members'],
    auth: 'user',
    member: true,
    responses: { 204: noContent('Removed; live connections close with 4403.') },
    errors: [
      { status: 403, code: 'forbidden', when: 'Removing somebody else without member.remove.' },
      { status: 409, code: 'last_backbone', when: 'The last backbone member would leave.' },
    ],
  },

  // ——— invitations ———
  listInvitations: {
    method: 'get',
    path: '/api/initiatives/{id}/invitations',
    summary: 'The invitations',
    tags: ['invitations'],
    auth: 'user',
    action: 'invitation.read',
    responses: { 200: ok('Newest first.', invitationListAnswer) },
  },
  createInvitation: {
    method: 'post',
    path: '/api/initiatives/{id}/invitations',
    summary: 'Create an invitation link',
    tags: ['invitations'],
    auth: 'user',
    action: 'invitation.create',
    body: createInvitationBody,
    responses: { 201: ok('The invitation and its token, shown this once.', createdInvitationAnswer) },
  },
  revokeInvitation: {
    method: 'delete',
    path: '/api/initiatives/{id}/invitations/{invitationId}',
    summary: 'Revoke an invitation',
    tags: ['invitations'],
    auth: 'user',
    action: 'invitation.revoke',
    responses: { 204: noContent('Revoked (also when it already was).') },
    errors: [notFound('No such invitation.'), { status: 409, code: 'invitation_used', when: 'It was accepted.' }],
  },
  previewInvitation: {
    method: 'get',
    path: '/api/invitations/{token}',
    summary: "An invitation link's preview",
    tags: ['invitations'],
    auth: 'public',
    responses: { 200: ok('What accepting it gives.', invitationPreviewAnswer) },
    errors: [{ status: 404, code: 'invitation_not_found', when: 'No such invitation.' }],
  },
  acceptInvitation: {
    method: 'post',
    path: '/api/invitations/{token}/accept',
    summary: 'Accept an invitation',
    tags: ['invitations'],
    auth: 'user',
    responses: { 200: ok('The new membership.', acceptedInvitationAnswer) },
    errors: [
      { status: 404, code: 'invitation_not_found', when: 'No such invitation.' },
      { status: 409, code: 'already_member', when: 'The caller is a member already (the invitation stays pending).' },
      { status: 410, code: 'invitation_expired', when: 'It expired.' },
      { status: 410, code: 'invitation_used', when: 'It was accepted.' },
      { status: 410, code: 'invitation_revoked', when: 'It was revoked.' },
    ],
  },

  // ——— audit ———
  listAudit: {
    method: 'get',
    path: '/api/initiatives/{id}/audit',
    summary: 'The audit log',
    tags: ['audit'],
    auth: 'user',
    action: 'audit.read',
    query: auditQuery,
    responses: { 200: ok('Newest first.', auditAnswer) },
  },

  // ——— public, access, documents ———
  listPublicInitiatives: {
    method: 'get',
    path: '/api/public/initiatives',
    summary: 'The initiatives that published something',
    tags: ['public'],
    auth: 'public',
    responses: { 200: ok('By name; none published: an empty list.', publicInitiativeListAnswer) },
  },
  getPublicInitiative: {
    method: 'get',
    path: '/api/public/initiatives/{id}',
    summary: 'What an initiative published',
    tags: ['public'],
    auth: 'public',
    responses: { 200: ok('The initiative and its published documents.', publicInitiativeAnswer) },
    errors: [notFound('Nothing of it is published.')],
  },
  getDocumentAccess: {
    method: 'get',
    path: '/api/access',
    summary: 'What the caller may do with one document',
    tags: ['documents'],
    auth: 'optional',
    query: accessQuery,
    responses: { 200: ok('edit or read.', documentAccessAnswer) },
    errors: [
      { status: 400, code: 'invalid_document_name', when: 'Not a document name.' },
      notFound('No such document, or the caller may not read it (not told apart).'),
    ],
  },
  listDocuments: {
    method: 'get',
    path: '/api/documents',
    summary: 'Metadata of the stored documents the caller can read',
    tags: ['documents'],
    auth: 'optional',
    responses: { 200: ok('Newest `updated` first.', documentListAnswer) },
  },
  getDocument: {
    method: 'get',
    path: '/api/documents/{name}',
    summary: "One document's metadata",
    tags: ['documents'],
    auth: 'optional',
    responses: { 200: ok('The metadata.', documentAnswer) },
    errors: [
      { status: 400, code: 'invalid_document_name', when: 'Not a document name.' },
      { status: 404, code: 'document_not_found', when: 'No such document, or the caller may not read it.' },
    ],
  },

  ...AGENDA_OPERATIONS,
  ...MEASUREMENT_OPERATIONS,
  ...ACTIVITY_OPERATIONS,
  ...HISTORY_OPERATIONS,
  ...ARCHIVE_OPERATIONS,
  ...MEETING_OPERATIONS,

  // ——— operations ———
  health: {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and gauges',
    tags: ['operations'],
    auth: 'public',
    responses: { 200: ok('The server is up.', healthAnswer) },
  },
  openapi: {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI document',
    tags: ['operations'],
    auth: 'public',
    responses: { 200: { description: 'OpenAPI 3.1, generated from packages/domain/src/api/.', contentType: 'application/json' } },
  },
  apiReference: {
    method: 'get',
    path: '/api/docs',
    summary: 'The browsable API reference (HTML)',
    tags: ['operations'],
    auth: 'public',
    responses: { 200: { description: 'An HTML page rendering this document.', contentType: 'text/html' } },
  },
  apiReferenceAsset: {
    method: 'get',
    path: '/api/docs/{file}',
    summary: "The reference page's scripts and styles",
    tags: ['operations'],
    auth: 'public',
    responses: { 200: { description: 'A script, style sheet or image of the page.', contentType: 'application/octet-stream' } },
    errors: [notFound('No such file.')],
  },
} as const satisfies Record<string, ApiOperation>

export type OperationId = keyof typeof API_OPERATIONS
