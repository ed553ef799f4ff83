import type { Sql } from './database.js';

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
