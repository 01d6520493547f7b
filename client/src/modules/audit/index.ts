// The audit module: the initiative's audit log, filtered (backbone staff).
import type { ClientModule } from '../types.ts'
import { AuditSection } from './AuditSection.tsx'

export const auditModule: ClientModule = {
  name: 'audit',
  sections: [{ id: 'audit', labelKey: 'sections.audit', action: 'audit.read', Component: AuditSection }],
}
