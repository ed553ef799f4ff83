import { platformFor } from '../platforms/registry.js';
import type { InboundItem } from '../platforms/types.js';
import { type ChannelRow, selectEveryChannel } from '../store/channels.js';
import type { Sql } from '../store/database.js';
import type { ReprocessRouting, StoredWebhook } from '../store/reprocess.js';
import { type RoutableItem, type RoutedItem, routeItems } from './route-items.js';

/** What routing a stored body needs of a channel's row. */
export type RoutingChannel = Pick<ChannelRow, 'id' | 'platform' | 'accountId' | 'enabled' | 'removedAt'>;

export interface StoredRouteInput<I extends RoutableItem> {
  webhook: StoredWebhook;
  /** Every channel, removed ones too (`selectEveryChannel`). */
  channels: readonly RoutingChannel[];
  items: readonly I[];
}

/**
 * Which channel each item of a stored webhook belongs to when `omni reprocess` reads its body
 * again: as `routeItems` routed it when it arrived, so a body read twice never makes a second message.
 *
 * - A Telegram body whose messages are stored: its items take those messages' account (the bot id)
 *   and channel. The account is part of a message's identity, so this finds the rows ingest made
 *   whatever became of the bot's channel since.
 * - A body stored with the channels that authenticated it (`webhook_logs.channel_ids`): `routeItems`
 *   with those channels (even if since disabled or removed: they took the webhook) and the live
 *   ones of the platform, enabled or not, which tell which accounts are held.
 * - A body stored before those were recorded: unrouted. Its items already stored keep their
 *   channel (reprocessing never changes a stored message's channel); one an older parser missed
 *   is stored unrouted, as an unknown account's is, and `omni channel unrouted` shows it.
 */
export function routeStoredItems<I extends RoutableItem>(input: StoredRouteInput<I>): RoutedItem<I>[] {
  const { webhook, items } = input;
  if (webhook.platform === 'telegram' && webhook.stored) {
    const { account, channelId } = webhook.stored;
    return items.map((item) => ({ ...item, account, channelId }));
  }
  if (webhook.channelIds === null) return items.map((item) => ({ ...item, channelId: null }));
  const authenticated = new Set(webhook.channelIds);
  const ofPlatform = input.channels.filter((c) => c.platform === webhook.platform);
  return routeItems({
    routing: platformFor(webhook.platform).routing,
    authenticated: webhook.channelIds,
    // The authenticating channels last: an account a removed channel held and a new one holds
    // now routes as it did when the body arrived.
    channels: [
      ...ofPlatform.filter((c) => c.removedAt === null && !authenticated.has(c.id)),
      ...ofPlatform.filter((c) => authenticated.has(c.id)),
    ],
    items,
  });
}

/**
 * `omni reprocess`'s routing, over the channels as they are now (read once for the run). It needs
 * their ids and accounts, never their secrets: reprocessing runs without OMNI_ENCRYPTION_KEY.
 */
export async function loadStoredItemRouting(sql: Sql): Promise<ReprocessRouting> {
  const channels = await selectEveryChannel(sql);
  return (webhook: StoredWebhook, items: InboundItem[]) => routeStoredItems({ webhook, channels, items });
}
