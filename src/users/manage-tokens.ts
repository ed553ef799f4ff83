import { generateToken, hashToken } from '../auth/tokens.js';
import { OmniError } from '../errors.js';
import type { AgentRole } from '../store/agents.js';
import { insertApiToken, revokeApiToken } from '../store/api-tokens.js';
import { type AuditBy, recordAudit } from '../store/audit-log.js';
import { inTransaction, type SqlPool } from '../store/database.js';
import { announceRevocation } from '../store/revocations.js';

/** What a new token may do: its role, and for an `agent` token the channels it acts in. */
export interface TokenAccess {
  name: string;
  role: AgentRole;
  channelIds: readonly number[];
}

/**
 * Creates an API token and audits it, in one transaction, and answers the token: the only time it
 * exists outside its hash (the audit row names it, never holds it).
 */
export async function createApiToken(pool: SqlPool, context: AuditBy, access: TokenAccess): Promise<string> {
  const token = generateToken('omt');
  await inTransaction(pool, async (sql) => {
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
  });
  return token;
}

/**
 * Revokes the active token of this name, ends its open event streams on every server (a
 * `{ tokenId }` revocation, sent on commit) and audits it; answers whether there was one.
 */
export async function revokeApiTokenNamed(pool: SqlPool, context: AuditBy, name: string): Promise<boolean> {
  return inTransaction(pool, async (sql) => {
    const tokenId = await revokeApiToken(sql, name);
    if (tokenId === undefined) return false;
    await announceRevocation(sql, { tokenId });
    await recordAudit(sql, {
      ...context,
      action: 'token.revoked',
      target: { kind: 'token', id: tokenId },
      detail: { name },
    });
    return true;
  });
}
