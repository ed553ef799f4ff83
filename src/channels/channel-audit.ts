import { type AuditBy, recordAudit } from '../store/audit-log.js';
import type { Sql } from '../store/database.js';
import type { ChannelInput } from './channel-input.js';

/** The channel changes the audit log records: `channel.<what>`. */
export type ChannelAuditAction =
  | 'channel.created'
  | 'channel.updated'
  | 'channel.enabled'
  | 'channel.disabled'
  | 'channel.removed'
  | 'channel.rekeyed'
  | 'channel.webhook_registered';

/**
 * What an add or update gave, for its audit row: the plain fields with their values, and only the
 * NAMES of the secrets given. Fields are picked one by one, so a field added to the input later
 * reaches the log only when named here.
 */
export function channelInputDetail(input: ChannelInput): Record<string, unknown> {
  const fields = {
    name: input.name,
    accountId: input.accountId,
    wabaId: input.wabaId,
    sendsPerSecond: input.sendsPerSecond,
    assignment: input.assignment,
    assignmentCap: input.assignmentCap,
  };
  return {
    fields: Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    secrets: Object.keys(input.secrets).sort(),
  };
}

/** Records one change of a channel; inside the change's transaction, so both land or neither. */
export function recordChannelAudit(
  sql: Sql,
  by: AuditBy,
  action: ChannelAuditAction,
  channelId: number,
  detail: Record<string, unknown> = {},
): Promise<void> {
  return recordAudit(sql, { ...by, action, target: { kind: 'channel', id: channelId }, detail });
}
