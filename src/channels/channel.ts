import { accountName, SECRET_FIELDS, type SecretField } from '../platforms/channel-shape.js';
import { platformFor } from '../platforms/registry.js';
import type { ChannelSecrets, PlatformName } from '../platforms/types.js';
import type { AssignmentMode, ChannelRow } from '../store/channels.js';

/** One connected account, as a process keeps it in memory: secrets opened, send cap resolved. */
export interface Channel extends Pick<ChannelRow, 'id' | 'platform' | 'name' | 'source' | 'wabaId' | 'enabled'> {
  /** The account it holds; null only for an environment `default` channel, which takes any account no other channel holds. */
  accountId: string | null;
  /** Resolved: the row's value, or the platform's default from config (WHATSAPP_SENDS_PER_SECOND, …). */
  sendsPerSecond: number;
  secrets: ChannelSecrets;
  /**
   * Set when its stored secrets could not be opened (sealed with a key this process lacks, or
   * altered): it is kept so its conversations can say so, but is not enabled and holds no secret.
   */
  unreadable?: true;
}

/** Secrets shorter than this show no characters at all (see `secretHint`). */
const SHORTEST_HINTED = 12;

/**
 * What may be shown of a secret: its last 4 characters, after an ellipsis. A short secret shows
 * none: 4 characters of an 8-character verify token are half of it, which a hint must never give.
 */
export function secretHint(secret: string): string {
  return secret.length < SHORTEST_HINTED ? '…' : `…${secret.slice(-4)}`;
}

/** A channel as the CLI and the API show it: JSON-safe, its secrets as hints only (never the secret). */
export interface ChannelView {
  id: number;
  platform: PlatformName;
  name: string;
  source: 'database' | 'environment';
  /** The account id, also under its platform's name (phoneNumberId, pageId, instagramId, botId). */
  accountId: string | null;
  [accountField: string]: unknown;
  wabaId: string | null;
  enabled: boolean;
  /** Null: the platform's default from config. */
  sendsPerSecond: number | null;
  /** How new and reopened conversations are handed out. */
  assignment: AssignmentMode;
  /** Null: no cap on each member's open conversations. */
  assignmentCap: number | null;
  /** The previous app secret's end of validity, while one is rotating out. */
  previousAppSecretUntil: string | null;
  health: { lastWebhookAt: string | null; lastError: string | null; lastErrorAt: string | null };
  createdAt: string;
  removedAt: string | null;
  secrets: Partial<Record<SecretField, string>>;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function channelView(row: ChannelRow): ChannelView {
  const rotating = row.previousAppSecretUntil && row.previousAppSecretUntil > new Date();
  return {
    id: row.id,
    platform: row.platform,
    name: row.name,
    source: row.source,
    accountId: row.accountId,
    [accountName(platformFor(row.platform).channel)]: row.accountId,
    wabaId: row.wabaId,
    enabled: row.enabled,
    sendsPerSecond: row.sendsPerSecond,
    assignment: row.assignmentMode,
    assignmentCap: row.assignmentCap,
    previousAppSecretUntil: rotating ? iso(row.previousAppSecretUntil) : null,
    health: { lastWebhookAt: iso(row.lastWebhookAt), lastError: row.lastError, lastErrorAt: iso(row.lastErrorAt) },
    createdAt: iso(row.createdAt) ?? '',
    removedAt: iso(row.removedAt),
    // Hints were made at write time, from the plaintext; only the known fields pass, clipped again.
    secrets: Object.fromEntries(
      SECRET_FIELDS.filter((field) => typeof row.secretHints[field] === 'string').map((field) => [
        field,
        `…${row.secretHints[field].replace(/^…/, '').slice(-4)}`,
      ]),
    ),
  };
}
