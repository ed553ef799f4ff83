import type { AuditBy } from '../../src/store/audit-log.js';
import type { Sql } from '../../src/store/database.js';

/** Who the tests' direct service calls act as: a CLI user named `test`. */
export const TEST_BY: AuditBy = { actor: { kind: 'cli', name: 'test' } };

/** Every audit row, oldest first, as stored (the JSON text of a row is what the no-secret checks search). */
export async function auditRows(sql: Sql) {
  return sql<
    {
      id: string;
      actor_kind: string;
      actor_id: string | null;
      actor_name: string;
      action: string;
      target_kind: string;
      target_id: string | null;
      ip: string | null;
      detail: Record<string, unknown>;
      text: string;
    }[]
  >`select id, actor_kind, actor_id, actor_name, action, target_kind, target_id, host(ip) as ip, detail,
           to_jsonb(audit_log)::text as text
    from audit_log order by id`;
}
