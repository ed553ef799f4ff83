import type { Sql } from './database.js';

/**
 * Who is online, across processes: one row per open dashboard stream, a lease the server holding
 * the stream renews and deletes when the stream closes. Only unexpired leases count, so a server
 * that crashed with streams open stops counting its agents once their leases run out.
 */

/** Records an open stream of `agentId` until `leaseSeconds` from now. */
export async function insertPresence(sql: Sql, streamId: string, agentId: number, leaseSeconds: number): Promise<void> {
  await sql`
    insert into agent_presence (stream_id, agent_id, expires_at)
    values (${streamId}, ${agentId}, now() + make_interval(secs => ${leaseSeconds}))
    on conflict (stream_id) do update set expires_at = excluded.expires_at`;
}

/**
 * Renews the leases of a server's open streams, in one statement however many, and clears every
 * lease already expired (a crashed server's, which nobody else would delete).
 */
export async function renewPresence(sql: Sql, streamIds: readonly string[], leaseSeconds: number): Promise<void> {
  await sql`delete from agent_presence where expires_at < now()`;
  if (streamIds.length === 0) return;
  await sql`
    update agent_presence set expires_at = now() + make_interval(secs => ${leaseSeconds})
    where stream_id = any(${streamIds}::uuid[])`;
}

/** Forgets closed streams: their agent is offline unless another of their streams is open somewhere. */
export async function deletePresence(sql: Sql, streamIds: readonly string[]): Promise<void> {
  if (streamIds.length === 0) return;
  await sql`delete from agent_presence where stream_id = any(${streamIds}::uuid[])`;
}
