// Initiative-level actions (HTTP) and the roles that may attempt them. `own partner` actions
// are checked against the target partner by the route; here they say which roles may try.
import type { Role } from './roles.ts'

export const ACTIONS = {
  'initiative.read': ['backbone', 'partner', 'participant'],
  'initiative.update': ['backbone'],
  'initiative.publish': ['backbone'],
  /** Download the whole initiative as an archive (docs/archive.md): every document with its history, the members' names and emails, the audit log. */
  'initiative.export': ['backbone'],
  'partner.create': ['backbone'],
  /** Partner executives only for their own partner. */
  'partner.update': ['backbone', 'partner'],
  'partner.delete': ['backbone'],
  'member.read': ['backbone', 'partner', 'participant'],
  'member.update': ['backbone'],
  'member.remove': ['backbone'],
  /** Issuing a one-time password reset link for a member (there is no mail server). */
  'member.password_reset': ['backbone'],
  'invitation.read': ['backbone'],
  'invitation.create': ['backbone'],
  'invitation.revoke': ['backbone'],
  'audit.read': ['backbone'],
  /** Partner executives endorse the agenda on behalf of their own partner. */
  'agenda.endorse': ['partner'],
  'measurement.read': ['backbone', 'partner', 'participant'],
  /** Partner executives only rows of their own partner. */
  'measurement.import': ['backbone', 'partner'],
  'measurement.approve': ['backbone'],
  'reportcard.read': ['backbone', 'partner', 'participant'],
  /** Document history: the versions of a document the caller may read, and compares. */
  'document.history': ['backbone', 'partner', 'participant'],
  /** Naming a version and restoring one: only on a document the caller may edit (the route checks the document's access). */
  'document.version': ['backbone', 'partner'],
  'document.restore': ['backbone', 'partner'],
  /** Meeting series and meetings (create, change, cancel) and preparing the next meeting: backbone staff drive the meetings. */
  'meeting.manage': ['backbone'],
} as const satisfies Record<string, readonly Role[]>
export type Action = keyof typeof ACTIONS

export function roleMay(role: Role | null, action: Action): boolean {
  return role !== null && (ACTIONS[action] as readonly Role[]).includes(role)
}
