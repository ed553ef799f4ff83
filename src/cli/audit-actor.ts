import { userInfo } from 'node:os';
import type { AuditActor } from '../store/audit-log.js';

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
