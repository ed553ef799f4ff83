import { userInfo } from 'node:os';
import type { AuditContext } from '../users/manage-users.js';

/** The CLI acts as the operating-system user who runs it; a container without a passwd entry has only $USER. */
export function cliAuditContext(): AuditContext {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? 'unknown';
  }
  return { actor: { kind: 'cli', name } };
}
