import { type AuditBy, recordAudit } from '../store/audit-log.js';
import { type ContactExport, selectContactExport } from '../store/contact-export.js';
import type { SqlPool } from '../store/database.js';

/**
 * Everything Omni holds about a person (GDPR articles 15 and 20), for `by`: the export is handed
 * out only once its `contact.exported` audit row is recorded. Undefined for an unknown contact.
 * Exports are admins' only, so every channel is in scope.
 */
export async function exportContact(sql: SqlPool, contactId: number, by: AuditBy): Promise<ContactExport | undefined> {
  const exported = await selectContactExport(sql, contactId, 'all');
  if (exported)
    await recordAudit(sql, { ...by, action: 'contact.exported', target: { kind: 'contact', id: contactId } });
  return exported;
}
