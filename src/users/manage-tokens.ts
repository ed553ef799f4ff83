import { generateToken, hashToken } from '../auth/tokens.js';
import { OmniError } from '../errors.js';
import type { AgentRole } from '../store/agents.js';
import { insertApiToken, revokeApiToken, revokeApiTokenWithId } from '../store/api-tokens.js';
import { type AuditBy, recordAudit } from '../store/audit-log.js';
import { inTransaction, type Sql, type SqlPool } from '../store/database.js';
import { announceRevocation } from '../store/revocations.js';

/** What a new token may do: its role, and for an `agent` token the channels it acts in. */
export interface TokenAccess {
  name: string;
  role: AgentRole;
  channelIds: readonly number[];
}

/**
 * What is wrong with giving a token of `role` this many channels, said of `field` (the flag or body
 * field that gave them), or undefined: an agent token acts only in its channels, so it needs one; an
 * admin token sees every channel, and a channel given to it would promise a limit it does not have.
 */
export function tokenChannelsProblem(field: string, role: AgentRole, channels: number): string | undefined {
  if (role === 'agent' && channels === 0)
    return `${field} is required for an agent token: it acts only in the channels it is given`;
  if (role === 'admin' && channels > 0) return `${field} is for agent tokens: an admin token sees every channel`;
  return undefined;
}

/**
 * Creates an API token and audits it, in one transaction, and answers its id and the token: the
 * only time the token exists outside its hash (the audit row names it, never holds it).
 */
export async function createApiToken(
  pool: SqlPool,
  context: AuditBy,
  access: TokenAccess,
): Promise<{ id: number; token: string }> {
  const token = generateToken('omt');
  const id = await inTransaction(pool, async (sql) => {
    const created = await insertApiToken(sql, { ...access, tokenHash: hashToken(token) }).catch((error: unknown) => {
      if ((error as { code?: string }).code !== '23505') throw error;
      throw new OmniError(
        'OMNI_ERR_TOKEN_NAME_TAKEN',
        `an active API token is already named ${JSON.stringify(access.name)}`,
      );
    });
    await recordAudit(sql, {
      ...context,
      action: 'token.created',
      target: { kind: 'token', id: created.id },
      detail: { name: access.name, role: access.role, channelIds: [...access.channelIds] },
    });
    return created.id;
  });
  return { id, token };
}

/**
 * Revokes the token `revoke` finds, ends its open event streams on every server (a `{ tokenId }`
 * revocation, sent on commit) and audits it; answers whether there was one.
 */
function revokeAudited(
  pool: SqlPool,
  context: AuditBy,
  revoke: (sql: Sql) => Promise<{ id: number; name: string } | undefined>,
): Promise<boolean> {
  return inTransaction(pool, async (sql) => {
    const revoked = await revoke(sql);
    if (!revoked) return false;
    await announceRevocation(sql, { tokenId: revoked.id });
    await recordAudit(sql, {
      ...context,
      action: 'token.revoked',
      target: { kind: 'token', id: revoked.id },
      detail: { name: revoked.name },
    });
    return true;
  });
}

/** Revokes the active token of this name (as `omni token revoke` does); answers whether there was one. */
export function revokeApiTokenNamed(pool: SqlPool, context: AuditBy, name: string): Promise<boolean> {
  return revokeAudited(pool, context, async (sql) => {
    const id = await revokeApiToken(sql, name);
    return id === undefined ? undefined : { id, name };
  });
}

/** Revokes the active token with this id (as `DELETE /api/tokens/:id` does); answers whether there was one. */
export function revokeApiTokenById(pool: SqlPool, context: AuditBy, id: number): Promise<boolean> {
  return revokeAudited(pool, context, async (sql) => {
    const name = await revokeApiTokenWithId(sql, id);
    return name === undefined ? undefined : { id, name };
  });
}
