// The named shapes of the API: what the OpenAPI document lists under components.schemas (and
// refers to by name). Every other request and answer schema is named after its operation.
import * as z from 'zod'
import { auditAnswer, auditEntrySchema } from './audit.ts'
import { accessTokenSchema, authAnswer, meAnswer, membershipSchema, userSchema } from './auth.ts'
import { apiErrorSchema, documentAccessSchema, documentKindSchema, languageSchema, publishableKindSchema, roleSchema, sectorSchema } from './common.ts'
import { documentMetaSchema } from './documents.ts'
import { initiativeAnswer, initiativeDocumentSchema, initiativeSchema } from './initiatives.ts'
import { invitationPreviewSchema, invitationSchema, invitationStatusSchema } from './invitations.ts'
import { memberAnswer, memberSchema } from './members.ts'
import { coverageSchema, partnerAnswer, partnerSchema } from './partners.ts'

export const API_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  ApiError: apiErrorSchema,
  Role: roleSchema,
  Sector: sectorSchema,
  Language: languageSchema,
  DocumentKind: documentKindSchema,
  PublishableKind: publishableKindSchema,
  DocumentAccess: documentAccessSchema,
  User: userSchema,
  Membership: membershipSchema,
  AuthAnswer: authAnswer,
  Me: meAnswer,
  AccessToken: accessTokenSchema,
  Initiative: initiativeSchema,
  InitiativeDocument: initiativeDocumentSchema,
  InitiativeAnswer: initiativeAnswer,
  Partner: partnerSchema,
  PartnerAnswer: partnerAnswer,
  Coverage: coverageSchema,
  Member: memberSchema,
  MemberAnswer: memberAnswer,
  InvitationStatus: invitationStatusSchema,
  Invitation: invitationSchema,
  InvitationPreview: invitationPreviewSchema,
  AuditEntry: auditEntrySchema,
  AuditAnswer: auditAnswer,
  DocumentMeta: documentMetaSchema,
}
