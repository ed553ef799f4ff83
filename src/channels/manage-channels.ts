import { adoptAccount } from '../store/channel-adoption.js';
import { createHash, randomBytes } from 'node:crypto';
import type { OmniConfig } from '../config/load-config.js';
import { OmniError } from '../errors.js';
import { safeEqual } from '../platforms/safe-equal.js';
import type { PlatformName } from '../platforms/types.js';
import {
  type ChannelRow,
  type ChannelWrite,
  insertChannel,
  removeChannelRow,
  type SealedColumn,
  SEALED_COLUMNS,
  selectChannel,
  selectChannelsByName,
  selectChannelsSealedWithOtherKeys,
  updateChannelRow,
  webhookSecretTaken,
} from '../store/channels.js';
import type { AuditBy } from '../store/audit-log.js';
import { inTransaction, type Sql, type SqlPool } from '../store/database.js';
import type { SecretBox } from '../vault/secret-box.js';
import type { SecretField } from '../platforms/channel-shape.js';
import { type ChannelView, channelView, secretHint } from './channel.js';
import { channelInputDetail, recordChannelAudit } from './channel-audit.js';
import { ASSIGNMENT_FIELDS, type ChannelInput, readChannelInput, readPlatform } from './channel-input.js';
import { environmentChannelVariables } from './environment-channels.js';
import { noKeyError, SEAL_CONTEXTS } from './sealed-secrets.js';

/** What the management service works with; the CLI makes one per command, the HTTP routes one per request. */
export interface ChannelManagement {
  sql: SqlPool;
  /** Who changes channels, recorded in the audit log in each change's transaction. */
  by: AuditBy;
  /** Undefined without a key: adding or changing a secret then fails naming OMNI_ENCRYPTION_KEY. */
  box: SecretBox | undefined;
  /** `platforms`: the environment's own Telegram secret, which no stored channel may reuse. */
  config: Pick<OmniConfig, 'channels' | 'platforms'>;
  /** Telegram's getMe for a bot token (the platform implements it); refuses a token with Telegram's words. */
  identifyBot(botToken: string): Promise<{ botId: string; username: string }>;
}

/** An added channel; `webhookSecret` only when Omni generated it, shown this once and never again. */
export interface AddedChannel {
  channel: ChannelView;
  webhookSecret?: string;
  /** Conversations of the account, unrouted until now, that joined the channel. */
  adopted: number;
}

const COLUMN_OF: Record<SecretField, SealedColumn> = {
  appSecret: 'app_secret',
  verifyToken: 'verify_token',
  accessToken: 'access_token',
  botToken: 'bot_token',
  webhookSecret: 'webhook_secret',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** The secrets sealed for their columns, their hints, and the Telegram secret's lookup hash. */
function sealSecrets(box: SecretBox | undefined, secrets: ChannelInput['secrets']): ChannelWrite {
  const fields = Object.entries(secrets) as [SecretField, string][];
  if (fields.length === 0) return {};
  if (!box) throw noKeyError();
  const write: ChannelWrite = { sealed: {}, secretHints: {} };
  for (const [field, plain] of fields) {
    const column = COLUMN_OF[field];
    (write.sealed ?? {})[column] = box.seal(plain, SEAL_CONTEXTS[column]);
    (write.secretHints ?? {})[field] = secretHint(plain);
  }
  if (secrets.webhookSecret !== undefined) write.webhookSecretSha256 = sha256(secrets.webhookSecret);
  return write;
}

/**
 * Refuses a webhook secret the environment's Telegram channel already uses (TELEGRAM_WEBHOOK_SECRET):
 * the unique index sees only stored secrets. Said as the index says it, naming neither the secret nor
 * who holds it.
 */
function refuseEnvironmentSecret(m: Pick<ChannelManagement, 'config'>, webhookSecret: string | undefined): void {
  const environment = m.config.platforms.telegram?.secretToken;
  if (webhookSecret !== undefined && environment !== undefined && safeEqual(webhookSecret, environment)) {
    throw webhookSecretTaken();
  }
}

/** The channel named (case-insensitively) or numbered; a name several platforms use needs `platform` or the id. */
export async function findChannel(sql: Sql, nameOrId: string | number, platform?: PlatformName): Promise<ChannelRow> {
  const id = typeof nameOrId === 'number' ? nameOrId : /^\d+$/.test(nameOrId) ? Number(nameOrId) : undefined;
  if (id !== undefined) {
    const row = await selectChannel(sql, id);
    if (!row || row.removedAt) throw new OmniError('OMNI_ERR_CHANNEL_NOT_FOUND', `No channel has the id ${id}`);
    return row;
  }
  const rows = await selectChannelsByName(sql, String(nameOrId), platform);
  if (rows.length === 0) throw new OmniError('OMNI_ERR_CHANNEL_NOT_FOUND', `No channel is named "${nameOrId}"`);
  if (rows.length > 1) {
    const which = rows.map((row) => `${row.platform} (id ${row.id})`).join(', ');
    throw new OmniError(
      'OMNI_ERR_CHANNEL_AMBIGUOUS',
      `Several channels are named "${nameOrId}": ${which}; give the id or the platform`,
    );
  }
  return rows[0];
}

/**
 * Adds a channel. A Telegram bot is identified by its token first (its bot id is the account), and
 * gets a generated webhook secret when none is given. The account's unrouted past joins the channel
 * in the same transaction.
 */
export async function addChannel(m: ChannelManagement, body: Record<string, unknown>): Promise<AddedChannel> {
  const platform = readPlatform(body.platform);
  const input = readChannelInput(platform, body, 'add');
  refuseEnvironmentSecret(m, input.secrets.webhookSecret);
  let generated: string | undefined;
  if (platform === 'telegram') {
    input.accountId = (await m.identifyBot(input.secrets.botToken ?? '')).botId;
    if (input.secrets.webhookSecret === undefined) {
      generated = randomBytes(32).toString('base64url');
      input.secrets.webhookSecret = generated;
    }
  }
  const write: ChannelWrite = {
    ...sealSecrets(m.box, input.secrets),
    accountId: input.accountId,
    wabaId: input.wabaId ?? null,
    sendsPerSecond: input.sendsPerSecond ?? null,
    assignmentMode: input.assignment ?? 'manual',
    assignmentCap: input.assignmentCap ?? null,
  };
  const name = input.name ?? '';
  const { row, adopted } = await inTransaction(m.sql, async (sql) => {
    const row = await insertChannel(sql, { ...write, platform, name });
    const adopted = row.accountId === null ? 0 : await adoptAccount(sql, { ...row, accountId: row.accountId });
    await recordChannelAudit(sql, m.by, 'channel.created', row.id, { platform, ...channelInputDetail(input), adopted });
    return { row, adopted };
  });
  return { channel: channelView(row), webhookSecret: generated, adopted };
}

/**
 * What no environment variable holds, so an environment channel takes it too: how its conversations
 * are handed out, and its WhatsApp Business Account (whose templates its template replies use).
 */
const ENVIRONMENT_CHANNEL_FIELDS = [...ASSIGNMENT_FIELDS, 'wabaId'];

function refuseEnvironment(row: ChannelRow, what: string): void {
  if (row.source === 'environment') {
    throw new OmniError(
      'OMNI_ERR_CHANNEL_FROM_ENVIRONMENT',
      `Channel "${row.name}" (${row.platform}) comes from the environment and cannot be ${what}: change ${environmentChannelVariables(row.platform)} instead`,
    );
  }
}

/**
 * Changes what `body` gives. A new app secret keeps the current one valid for
 * APP_SECRET_ROTATION_HOURS, so webhooks signed with either verify while Meta switches over. A new
 * account (or bot token naming another bot) adopts that account's unrouted past.
 */
export async function updateChannel(
  m: ChannelManagement,
  nameOrId: string | number,
  body: Record<string, unknown>,
  platform?: PlatformName,
): Promise<ChannelView> {
  const found = await findChannel(m.sql, nameOrId, platform);
  if (Object.keys(body).some((field) => !ENVIRONMENT_CHANNEL_FIELDS.includes(field)))
    refuseEnvironment(found, 'updated');
  const input = readChannelInput(found.platform, body, 'update');
  refuseEnvironmentSecret(m, input.secrets.webhookSecret);
  if (found.platform === 'telegram' && input.secrets.botToken !== undefined) {
    input.accountId = (await m.identifyBot(input.secrets.botToken)).botId;
  }
  const write: ChannelWrite = {
    ...sealSecrets(m.box, input.secrets),
    name: input.name,
    accountId: input.accountId,
    wabaId: input.wabaId,
    sendsPerSecond: input.sendsPerSecond,
    assignmentMode: input.assignment,
    assignmentCap: input.assignmentCap,
  };
  if (write.secretHints) write.secretHints = { ...found.secretHints, ...write.secretHints };
  const newAppSecret = input.secrets.appSecret;
  const current = found.sealed.app_secret;
  const detail = channelInputDetail(input);
  if (newAppSecret !== undefined && current !== null && m.box) {
    // The same secret given again is no rotation: it would only shorten a real one's window.
    if (m.box.open(current, SEAL_CONTEXTS.app_secret) !== newAppSecret) {
      const hours = m.config.channels.appSecretRotationHours;
      write.sealed = { ...write.sealed, previous_app_secret: current };
      write.previousAppSecretUntil = new Date(Date.now() + hours * 3_600_000);
      detail.previousAppSecretUntil = write.previousAppSecretUntil.toISOString();
    }
  }
  const row = await inTransaction(m.sql, async (sql) => {
    const row = await updateChannelRow(sql, found.id, write);
    if (!row) throw new OmniError('OMNI_ERR_CHANNEL_NOT_FOUND', `Channel ${found.id} was removed meanwhile`);
    if (input.accountId !== undefined && row.accountId !== null) {
      await adoptAccount(sql, { ...row, accountId: row.accountId });
    }
    await recordChannelAudit(sql, m.by, 'channel.updated', row.id, detail);
    return row;
  });
  return channelView(row);
}

/** Removes a channel: its secrets are deleted, its conversations stay under the removed channel. */
export async function removeChannel(
  m: Pick<ChannelManagement, 'sql' | 'by'>,
  nameOrId: string | number,
  platform?: PlatformName,
): Promise<ChannelView> {
  const found = await findChannel(m.sql, nameOrId, platform);
  refuseEnvironment(found, 'removed');
  const row = await inTransaction(m.sql, async (sql) => {
    const row = await removeChannelRow(sql, found.id);
    if (!row) throw new OmniError('OMNI_ERR_CHANNEL_NOT_FOUND', `Channel ${found.id} was removed meanwhile`);
    await recordChannelAudit(sql, m.by, 'channel.removed', row.id, { platform: row.platform, name: row.name });
    return row;
  });
  return channelView(row);
}

/**
 * Enables or disables a channel (an environment one too: that changes no variable). While disabled it
 * still holds its account, whose entries are stored unrouted; enabled again, it adopts them, as an add does.
 */
export async function setChannelEnabled(
  m: Pick<ChannelManagement, 'sql' | 'by'>,
  nameOrId: string | number,
  enabled: boolean,
  platform?: PlatformName,
): Promise<ChannelView> {
  const found = await findChannel(m.sql, nameOrId, platform);
  const row = await inTransaction(m.sql, async (sql) => {
    const row = await updateChannelRow(sql, found.id, { enabled });
    if (!row) throw new OmniError('OMNI_ERR_CHANNEL_NOT_FOUND', `Channel ${found.id} was removed meanwhile`);
    if (enabled && row.accountId !== null) await adoptAccount(sql, { ...row, accountId: row.accountId });
    await recordChannelAudit(sql, m.by, enabled ? 'channel.enabled' : 'channel.disabled', row.id);
    return row;
  });
  return channelView(row);
}

/**
 * Re-seals with the current key every secret an older key sealed (OMNI_ENCRYPTION_PREVIOUS_KEYS must
 * still hold it), one transaction per channel. Afterwards the older keys can be dropped.
 */
export async function rekeyChannels(
  m: Pick<ChannelManagement, 'sql' | 'box' | 'by'>,
): Promise<{ channels: number; secrets: number }> {
  const box = m.box;
  if (!box) throw noKeyError();
  let channels = 0;
  let secrets = 0;
  for (const stale of await selectChannelsSealedWithOtherKeys(m.sql, box.keyId)) {
    const resealed = await inTransaction(m.sql, async (sql) => {
      // Read again inside the transaction: a concurrent update may have sealed some of it already.
      const row = await selectChannel(sql, stale.id);
      const sealed: ChannelWrite['sealed'] = {};
      for (const column of SEALED_COLUMNS) {
        const value = row?.sealed[column];
        if (!value || box.isCurrent(value)) continue;
        sealed[column] = box.seal(box.open(value, SEAL_CONTEXTS[column]), SEAL_CONTEXTS[column]);
      }
      const count = Object.keys(sealed).length;
      if (count > 0) {
        await updateChannelRow(sql, stale.id, { sealed });
        await recordChannelAudit(sql, m.by, 'channel.rekeyed', stale.id, { secrets: count, keyId: box.keyId });
      }
      return count;
    });
    if (resealed > 0) channels++;
    secrets += resealed;
  }
  return { channels, secrets };
}
