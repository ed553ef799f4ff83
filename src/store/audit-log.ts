import type { Sql } from './database.js';

/** Who did an admin action: an agent's session, an API token, or the CLI run by an operating-system user. */
export type AuditActor =
  | { kind: 'agent'; id: number; name: string }
  | { kind: 'token'; id: number; name: string }
  | { kind: 'cli'; name: string };

/** Who asks for a change and from where: what every audited change takes, to record with it. */
export interface AuditBy {
  actor: AuditActor;
  /** The caller's address; none for the CLI. */
  ip?: string;
}

export interface AuditEntry extends AuditBy {
  /** A stable dotted name: `channel.created`, `user.disabled`, `token.revoked`, `contact.erased`… */
  action: string;
  target: { kind: string; id?: string | number };
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

/** One recorded admin action, as `GET /api/audit` answers it. */
export interface AuditRecord {
  id: number;
  at: Date;
  actor: { kind: AuditActor['kind']; id: number | null; name: string };
  action: string;
  target: { kind: string; id: string | null };
  ip: string | null;
  detail: Record<string, unknown>;
}

/** Which rows a page holds; every filter given must match. */
export interface AuditQuery {
  /** An action's name (`channel.updated`), or an area's with `.*` (`channel.*`). */
  action?: string;
  actorKind?: AuditActor['kind'];
  actorId?: number;
  targetKind?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
  /** Rows recorded before the row of this id: the keyset of the next page. */
  beforeId?: number;
  limit: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_kind: AuditActor['kind'];
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_kind: string;
  target_id: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

/**
 * The audit log newest first, by id: the order rows were recorded in. `at` is its transaction's
 * start, so two transactions can commit out of `at` order; an id cursor never skips or repeats a row.
 */
export async function listAuditRecords(sql: Sql, query: AuditQuery): Promise<AuditRecord[]> {
  const { action } = query;
  const rows = await sql<AuditRow[]>`
    select id, at, actor_kind, actor_id, actor_name, action, target_kind, target_id, host(ip) as ip, detail
    from audit_log
    where true
    ${action === undefined ? sql`` : action.endsWith('.*') ? sql`and starts_with(action, ${action.slice(0, -1)})` : sql`and action = ${action}`}
    ${query.actorKind === undefined ? sql`` : sql`and actor_kind = ${query.actorKind}`}
    ${query.actorId === undefined ? sql`` : sql`and actor_id = ${query.actorId}`}
    ${query.targetKind === undefined ? sql`` : sql`and target_kind = ${query.targetKind}`}
    ${query.targetId === undefined ? sql`` : sql`and target_id = ${query.targetId}`}
    ${query.since === undefined ? sql`` : sql`and at >= ${query.since}`}
    ${query.until === undefined ? sql`` : sql`and at < ${query.until}`}
    ${query.beforeId === undefined ? sql`` : sql`and id < ${query.beforeId}`}
    order by id desc limit ${query.limit}`;
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id === null ? null : Number(row.actor_id), name: row.actor_name },
    action: row.action,
    target: { kind: row.target_kind, id: row.target_id },
    ip: row.ip,
    detail: row.detail,
  }));
}
