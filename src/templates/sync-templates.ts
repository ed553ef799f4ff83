import type { Channel } from '../channels/channel.js';
import { OmniError } from '../errors.js';
import type { PlatformApis } from '../platforms/platform.js';
import { platformFor } from '../platforms/registry.js';
import { type AuditBy, recordAudit } from '../store/audit-log.js';
import { inTransaction, type SqlPool } from '../store/database.js';
import { storeListing } from '../store/whatsapp-templates.js';

/** What a sync reads of a channel: which it is, its WABA, and its token. */
export type SyncChannel = Pick<Channel, 'id' | 'name' | 'platform' | 'wabaId' | 'enabled' | 'secrets'>;

/** How one WABA's sync went, through which channel's token; `problem` in words (Graph's own), never a secret. */
export type WabaSync = { wabaId: string; channel: { id: number; name: string } } & (
  | { ok: true; stored: number; deleted: number }
  | { ok: false; problem: string }
);

export interface TemplateSyncDeps {
  sql: SqlPool;
  apis: PlatformApis;
}

/** A WhatsApp channel that names its WABA: what a sync can go through. */
export type WabaChannel = SyncChannel & { wabaId: string };

const hasWaba = (channel: SyncChannel): channel is WabaChannel =>
  channel.platform === 'whatsapp' && Boolean(channel.wabaId);

/**
 * The channels a sync goes through: `nameOrId` given, that channel (it must be a WhatsApp channel
 * with a WABA id); else one per WABA of every enabled WhatsApp channel, preferring one with a token
 * (the numbers of one WABA share its templates: listing them once is enough).
 */
export function channelsToSync(channels: readonly SyncChannel[], nameOrId?: string | number): WabaChannel[] {
  if (nameOrId !== undefined) {
    const found = channels.filter((c) => String(c.id) === String(nameOrId) || c.name === String(nameOrId));
    const named = found.find((c) => c.platform === 'whatsapp') ?? found[0];
    if (!named) throw new OmniError('OMNI_ERR_CHANNEL_NOT_FOUND', `no channel is named ${nameOrId}`);
    if (!hasWaba(named)) throw new OmniError('OMNI_ERR_TEMPLATES_NO_WABA', `channel ${named.name} has no WABA id`);
    return [named];
  }
  const byWaba = new Map<string, WabaChannel>();
  for (const channel of channels.filter(hasWaba).filter((c) => c.enabled)) {
    const held = byWaba.get(channel.wabaId);
    if (!held || (!held.secrets.accessToken && channel.secrets.accessToken)) byWaba.set(channel.wabaId, channel);
  }
  return [...byWaba.values()];
}

/**
 * Syncs each channel's WABA: lists every template from Graph with the channel's token and stores
 * the listing in one transaction (`storeListing`: upserts, and DELETED for what Meta no longer
 * lists), with a `templates.synced` audit row when `by` names who asked (the schedule does not).
 * A WABA that fails (a refused token, Graph away) is reported and the others still sync.
 */
export async function syncTemplates(
  deps: TemplateSyncDeps,
  channels: readonly WabaChannel[],
  by?: AuditBy,
): Promise<WabaSync[]> {
  const results: WabaSync[] = [];
  for (const channel of channels) {
    const named = { wabaId: channel.wabaId, channel: { id: channel.id, name: channel.name } };
    try {
      results.push({ ...named, ok: true, ...(await syncWaba(deps, channel, by)) });
    } catch (error) {
      // A platform's refusal or absence is this WABA's result; anything else (the database, a bug) is thrown on.
      if (!(error instanceof OmniError && error.code.startsWith('OMNI_ERR_PLATFORM_'))) throw error;
      results.push({ ...named, ok: false, problem: error.message });
    }
  }
  return results;
}

async function syncWaba(deps: TemplateSyncDeps, channel: WabaChannel, by?: AuditBy) {
  const list = platformFor('whatsapp').listTemplates;
  if (!list) throw new Error('the whatsapp platform cannot list templates');
  const listed = await list(channel.secrets, deps.apis, channel.wabaId);
  return inTransaction(deps.sql, async (sql) => {
    const stored = await storeListing(sql, channel.wabaId, listed);
    if (by) {
      const detail = { channel: channel.name, ...stored };
      await recordAudit(sql, {
        ...by,
        action: 'templates.synced',
        target: { kind: 'waba', id: channel.wabaId },
        detail,
      });
    }
    return stored;
  });
}
