import type { Sql } from './database.js';

/** Who did an admin action: an agent's session, an API token, or the CLI run by an operating-system user. */
export type AuditActor =
  | { kind: 'agent'; id: number; name: string }
  | { kind: 'token'; id: number; name: string }
  | { kind: 'cli'; name: string };

export interface AuditEntry {
  actor: AuditActor;
  /** A stable dotted name: `channel.created`, `user.disabled`, `token.revoked`, `contact.erased`… */
  action: string;
  target: { kind: string; id?: string | number };
  /** The caller's address; none for the CLI. */
  ip?: string;
  /** Field names and non-secret values only: the caller strips secrets before they get here. */
  detail?: Record<string, unknown>;
}

/** Appends one admin action to the audit log; inside a transaction, it lands with the change it describes. */
export async function recordAudit(sql: Sql, entry: AuditEntry): Promise<void> {
  const { actor, target } = entry;
  await sql`
    insert into audit_log (actor_kind, actor_id, actor_name, action, target_kind, target_id, ip, detail)
    values (
      ${actor.kind}, ${actor.kind === 'cli' ? null : actor.id}, ${actor.name}, ${entry.action},
      ${target.kind}, ${target.id === undefined ? null : String(target.id)}, ${entry.ip ?? null},
      ${sql.json((entry.detail ?? {}) as Parameters<typeof sql.json>[0])}
    )`;
}
