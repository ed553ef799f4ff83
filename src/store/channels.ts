import type { JSONValue, ParameterOrJSON } from 'postgres';
import { OmniError } from '../errors.js';
import { accountSource } from '../platforms/channel-shape.js';
import { platformFor } from '../platforms/registry.js';
import type { PlatformName } from '../platforms/types.js';
import { adoptPreChannelPast } from './channel-adoption.js';
import { inTransaction, type Sql, type SqlPool, type Transaction, underSavepoint } from './database.js';

/** The NOTIFY channel every channel write signals on (payload: the channel's id); each process's directory LISTENs. */
export const CHANNELS_NOTIFY = 'omni_channels';

/** The columns that hold sealed secrets (`v1.<keyId>.…`): the store moves them as opaque text. */
export const SEALED_COLUMNS = [
  'app_secret',
  'previous_app_secret',
  'verify_token',
  'access_token',
  'bot_token',
  'webhook_secret',
] as const;
export type SealedColumn = (typeof SEALED_COLUMNS)[number];

/** Who hands out a channel's new and reopened conversations: people, or round-robin among online members. */
export const ASSIGNMENT_MODES = ['manual', 'round_robin'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A `channels` row as stored: secrets still sealed. */
export interface ChannelRow {
  id: number;
  platform: PlatformName;
  name: string;
  source: 'database' | 'environment';
  accountId: string | null;
  wabaId: string | null;
  sealed: Record<SealedColumn, string | null>;
  previousAppSecretUntil: Date | null;
  secretHints: Record<string, string>;
  sendsPerSecond: number | null;
  assignmentMode: AssignmentMode;
  /** Round-robin gives no member more open conversations than this; null: no cap. */
  assignmentCap: number | null;
  enabled: boolean;
  lastWebhookAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  removedAt: Date | null;
}

/** What a write sets: every field optional for an update; sealed columns are written as given. */
export interface ChannelWrite {
  name?: string;
  accountId?: string | null;
  wabaId?: string | null;
  sealed?: Partial<Record<SealedColumn, string | null>>;
  previousAppSecretUntil?: Date | null;
  webhookSecretSha256?: Buffer | null;
  secretHints?: Record<string, string>;
  sendsPerSecond?: number | null;
  assignmentMode?: AssignmentMode;
  assignmentCap?: number | null;
  enabled?: boolean;
}

interface RawRow extends Record<SealedColumn, string | null> {
  id: string;
  platform: PlatformName;
  name: string;
  source: 'database' | 'environment';
  account_id: string | null;
  waba_id: string | null;
  previous_app_secret_until: Date | null;
  secret_hints: Record<string, string>;
  sends_per_second: number | null;
  assignment_mode: AssignmentMode;
  assignment_cap: number | null;
  enabled: boolean;
  last_webhook_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  created_at: Date;
  updated_at: Date;
  removed_at: Date | null;
}

function toRow(r: RawRow): ChannelRow {
  const sealed = Object.fromEntries(SEALED_COLUMNS.map((c) => [c, r[c]])) as Record<SealedColumn, string | null>;
  return {
    id: Number(r.id),
    platform: r.platform,
    name: r.name,
    source: r.source,
    accountId: r.account_id,
    wabaId: r.waba_id,
    sealed,
    previousAppSecretUntil: r.previous_app_secret_until,
    secretHints: r.secret_hints,
    sendsPerSecond: r.sends_per_second,
    assignmentMode: r.assignment_mode,
    assignmentCap: r.assignment_cap,
    enabled: r.enabled,
    lastWebhookAt: r.last_webhook_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    removedAt: r.removed_at,
  };
}

type ColumnValues = Record<string, ParameterOrJSON<never>>;

/** The write as column values: only what it sets, so an update leaves the rest as it is. */
function columnValues(sql: Sql, write: ChannelWrite): ColumnValues {
  const values: ColumnValues = { ...write.sealed };
  if (write.name !== undefined) values.name = write.name;
  if (write.accountId !== undefined) values.account_id = write.accountId;
  if (write.wabaId !== undefined) values.waba_id = write.wabaId;
  if (write.previousAppSecretUntil !== undefined) values.previous_app_secret_until = write.previousAppSecretUntil;
  if (write.webhookSecretSha256 !== undefined) values.webhook_secret_sha256 = write.webhookSecretSha256;
  if (write.secretHints !== undefined) values.secret_hints = sql.json(write.secretHints as JSONValue);
  if (write.sendsPerSecond !== undefined) values.sends_per_second = write.sendsPerSecond;
  if (write.assignmentMode !== undefined) values.assignment_mode = write.assignmentMode;
  if (write.assignmentCap !== undefined) values.assignment_cap = write.assignmentCap;
  if (write.enabled !== undefined) values.enabled = write.enabled;
  return values;
}

/** A unique index refused the write: the error names the field (and, for a name or an account, the channel holding it). */
async function conflict(sql: Sql, error: unknown, platform: PlatformName, write: ChannelWrite): Promise<never> {
  const constraint = (error as { code?: string; constraint_name?: string }).constraint_name;
  if ((error as { code?: string }).code !== '23505' || !constraint?.startsWith('channels_live_')) throw error;
  const holder = async (query: Promise<RawRow[]>) => {
    const [row] = await query.catch(() => []);
    return row ? ` (held by channel "${row.name}", id ${row.id})` : '';
  };
  if (constraint === 'channels_live_account') {
    const by = await holder(sql<RawRow[]>`
      select * from channels where platform = ${platform} and account_id = ${write.accountId ?? null} and removed_at is null`);
    throw new OmniError(
      'OMNI_ERR_CHANNEL_ACCOUNT_TAKEN',
      `${accountSource(platformFor(platform).channel)}: ${platform} account ${write.accountId} already has a channel${by}`,
    );
  }
  if (constraint === 'channels_live_name') {
    const by = await holder(sql<RawRow[]>`
      select * from channels where platform = ${platform} and lower(name) = lower(${write.name ?? ''}) and removed_at is null`);
    throw new OmniError(
      'OMNI_ERR_CHANNEL_NAME_TAKEN',
      `name: ${platform} already has a channel named "${write.name}"${by}`,
    );
  }
  // Unlike a name or an account, a secret is guessed: saying who holds it would confirm the guess.
  throw webhookSecretTaken();
}

/** A webhook secret another channel uses: the error names the field, never the secret nor its holder. */
export function webhookSecretTaken(): OmniError {
  return new OmniError('OMNI_ERR_CHANNEL_SECRET_TAKEN', 'webhookSecret: another channel uses this secret');
}

/**
 * Inserts a database channel and signals the change. In a transaction, under a savepoint: a unique
 * index's refusal leaves the transaction usable, to look up who holds the value.
 */
export async function insertChannel(
  sql: Transaction,
  channel: ChannelWrite & { platform: PlatformName; name: string },
): Promise<ChannelRow> {
  const values = { ...columnValues(sql, channel), platform: channel.platform };
  try {
    const [row] = await underSavepoint(
      sql,
      (sql) => sql<RawRow[]>`
        with inserted as (insert into channels ${sql(values)} returning *)
        select inserted.*, pg_notify(${CHANNELS_NOTIFY}, inserted.id::text) from inserted`,
    );
    return toRow(row);
  } catch (error) {
    return conflict(sql, error, channel.platform, channel);
  }
}

/**
 * Changes what `changes` sets on a live channel and signals it; undefined when no live channel has
 * the id. In a transaction, under a savepoint, as `insertChannel`.
 */
export async function updateChannelRow(
  sql: Transaction,
  id: number,
  changes: ChannelWrite,
): Promise<ChannelRow | undefined> {
  const values: ColumnValues = { ...columnValues(sql, changes), updated_at: new Date() };
  // New secrets (a fixed token) make the last error the platform answered old news: health is cleared.
  if (Object.keys(changes.sealed ?? {}).length > 0) Object.assign(values, { last_error: null, last_error_at: null });
  try {
    const [row] = await underSavepoint(
      sql,
      (sql) => sql<RawRow[]>`
        with updated as (
          update channels set ${sql(values)} where id = ${id} and removed_at is null returning *
        )
        select updated.*, pg_notify(${CHANNELS_NOTIFY}, updated.id::text) from updated`,
    );
    return row && toRow(row);
  } catch (error) {
    const [current] = await sql<RawRow[]>`select * from channels where id = ${id}`.catch(() => []);
    return conflict(sql, error, current?.platform ?? 'whatsapp', changes);
  }
}

/**
 * Removes a channel: its row stays (its conversations still name it) with every secret, its hints
 * and its secret's hash deleted; its account and name become free for a new channel.
 */
export async function removeChannelRow(sql: Sql, id: number): Promise<ChannelRow | undefined> {
  const [row] = await sql<RawRow[]>`
    with removed as (
      update channels set removed_at = now(), updated_at = now(), enabled = false,
        app_secret = null, previous_app_secret = null, previous_app_secret_until = null, verify_token = null,
        access_token = null, bot_token = null, webhook_secret = null, webhook_secret_sha256 = null, secret_hints = '{}'
      where id = ${id} and removed_at is null returning *
    )
    select removed.*, pg_notify(${CHANNELS_NOTIFY}, removed.id::text) from removed`;
  return row && toRow(row);
}

/** Every live (not removed) channel, enabled or not, by platform then name: what a directory loads and a listing shows. */
export async function selectLiveChannels(sql: Sql): Promise<ChannelRow[]> {
  const rows = await sql<RawRow[]>`
    select * from channels where removed_at is null order by platform, lower(name), id`;
  return rows.map(toRow);
}

/** Every channel, removed ones too: `omni reprocess` routes a stored body to the channels that authenticated it, whatever became of them. */
export async function selectEveryChannel(sql: Sql): Promise<ChannelRow[]> {
  const rows = await sql<RawRow[]>`select * from channels order by id`;
  return rows.map(toRow);
}

/** A channel by id, removed or not (a conversation may name a removed one). */
export async function selectChannel(sql: Sql, id: number): Promise<ChannelRow | undefined> {
  const [row] = await sql<RawRow[]>`select * from channels where id = ${id}`;
  return row && toRow(row);
}

/** Live channels with this name (any case), within one platform or across all of them. */
export async function selectChannelsByName(sql: Sql, name: string, platform?: PlatformName): Promise<ChannelRow[]> {
  const rows = await sql<RawRow[]>`
    select * from channels
    where lower(name) = lower(${name}) and removed_at is null
      and (${platform ?? null}::text is null or platform = ${platform ?? null})
    order by id`;
  return rows.map(toRow);
}

/**
 * Live channels holding a secret not sealed with the key `keyId`: what a rekey re-seals. The key id
 * is hex, so it cannot carry a LIKE wildcard.
 */
export async function selectChannelsSealedWithOtherKeys(sql: Sql, keyId: string): Promise<ChannelRow[]> {
  const current = `v1.${keyId}.%`;
  const rows = await sql<RawRow[]>`
    select * from channels
    where removed_at is null and (
      app_secret not like ${current} or previous_app_secret not like ${current} or verify_token not like ${current}
      or access_token not like ${current} or bot_token not like ${current} or webhook_secret not like ${current})
    order by id`;
  return rows.map(toRow);
}

/**
 * Upserts the environment's `default` channel of a platform (source 'environment', no account, no
 * stored secret) and answers it. A database channel already named `default` on that platform is an
 * error: the environment channel needs the name, and is never merged into a stored one.
 *
 * Creating it files the platform's past from before channels under it, in the same transaction
 * (`adoptPreChannelPast`): the customers of an upgraded installation keep their conversations.
 */
export async function upsertEnvironmentChannel(pool: SqlPool, platform: PlatformName): Promise<ChannelRow> {
  const created = await inTransaction(pool, async (tx) => {
    const [row] = await tx<RawRow[]>`
      with inserted as (
        insert into channels (platform, name, source) values (${platform}, 'default', 'environment')
        on conflict (platform, lower(name)) where removed_at is null do nothing
        returning *
      )
      select inserted.*, pg_notify(${CHANNELS_NOTIFY}, inserted.id::text) from inserted`;
    if (row) await adoptPreChannelPast(tx, { id: Number(row.id), platform });
    return row && toRow(row);
  });
  if (created) return created;
  const [existing] = await selectChannelsByName(pool, 'default', platform);
  if (existing?.source !== 'environment') {
    throw new OmniError(
      'OMNI_ERR_CHANNEL_NAME_TAKEN',
      `${platform} has a stored channel named "default" (id ${existing?.id}), the name its environment variables' channel takes: rename it`,
    );
  }
  return existing;
}

/**
 * Health: the channels that received webhooks at `at`, in one statement however many. Not signalled:
 * health changes no routing, and a NOTIFY per webhook would reload every directory constantly.
 */
export async function recordChannelWebhooks(sql: Sql, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    update channels set last_webhook_at = greatest(last_webhook_at, ${at})
    where id = any(${ids.map(String)}::bigint[])`;
}

/** Health: the last error a channel's platform answered (a refused token, say); not signalled either. */
export async function recordChannelError(sql: Sql, id: number, text: string): Promise<void> {
  await sql`update channels set last_error = ${text.slice(0, 1000)}, last_error_at = now() where id = ${id}`;
}
