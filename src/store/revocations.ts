import type { Sql, SqlPool } from './database.js';

/**
 * The NOTIFY channel that ends live credentials on every server at once: an open event stream
 * belongs to a session or a token, and it must stop when that credential stops being valid.
 */
export const REVOCATIONS_CHANNEL = 'omni_revocations';

/** What stopped being valid: one session (by its token's hash, hex), every credential of an agent, or one API token. */
export type Revocation = { sessionHash: string } | { agentId: number } | { tokenId: number };

/** Tells every server's listeners that a credential ended; sent inside a transaction, it goes out on commit. */
export async function announceRevocation(sql: Sql, revocation: Revocation): Promise<void> {
  await sql`select pg_notify(${REVOCATIONS_CHANNEL}, ${JSON.stringify(revocation)})`;
}

/** A NOTIFY payload read back as a revocation, or undefined for anything else. */
export function parseRevocation(payload: string): Revocation | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.sessionHash === 'string') return { sessionHash: record.sessionHash };
  if (Number.isSafeInteger(record.agentId)) return { agentId: record.agentId as number };
  if (Number.isSafeInteger(record.tokenId)) return { tokenId: record.tokenId as number };
  return undefined;
}

/**
 * LISTENs on `omni_revocations` (on the pool's one LISTEN connection, shared with `omni_events`)
 * and calls `revoked` for each revocation any server announces. NOTIFYs sent while that connection
 * was down are lost, so `relistened` is called each time it comes back: the caller re-checks what
 * it holds. Answers the unlisten.
 */
export async function listenForRevocations(
  sql: SqlPool,
  handlers: { revoked(revocation: Revocation): void; relistened(): void },
): Promise<() => Promise<void>> {
  let listened = false;
  const subscription = await sql.listen(
    REVOCATIONS_CHANNEL,
    (payload) => {
      const revocation = parseRevocation(payload);
      if (revocation) handlers.revoked(revocation);
    },
    () => {
      if (listened) handlers.relistened();
      listened = true;
    },
  );
  // A LISTEN connection already gone (the database going away first) listens to nothing: fine.
  return () => subscription.unlisten().catch(() => undefined);
}
