import { userInfo } from 'node:os';
import type { AuditActor, AuditBy } from '../store/audit-log.js';

/**
 * The audit log's actor for a command: the operating-system user running it. A container's user
 * may have no passwd entry (userInfo throws); then the environment's USER, or its uid.
 */
export function cliAuditActor(): AuditActor {
  try {
    return { kind: 'cli', name: userInfo().username };
  } catch {
    return { kind: 'cli', name: process.env.USER ?? `uid ${process.getuid?.() ?? 'unknown'}` };
  }
}

/** Who a command's changes are by: the operating-system user, from no address. */
export function cliAuditedBy(): AuditBy {
  return { actor: cliAuditActor() };
}
