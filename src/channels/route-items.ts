import type { Platform } from '../platforms/platform.js';
import type { Channel } from './channel.js';

/** What routing needs of an item: the account it reached (phone_number_id, Page id, IG id; null for Telegram). */
export interface RoutableItem {
  account: string | null;
}

export interface RouteInput<I extends RoutableItem> {
  /** The platform's `routing`: by the account an item names (Meta), or by the secret that matched (Telegram). */
  routing: Platform['routing'];
  /** The channels whose secret authenticated the request (from the platform's keyring). */
  authenticated: readonly number[];
  /**
   * Every live channel of the platform, enabled or not: a disabled channel still holds its account,
   * so its entries are unrouted rather than handed to the catch-all.
   */
  channels: readonly Pick<Channel, 'id' | 'accountId'>[];
  items: readonly I[];
}

/** An item with the channel it was routed to: null is unrouted (stored and processed, under no channel). */
export type RoutedItem<I extends RoutableItem> = I & { channelId: number | null };

/**
 * Which channel each item of an authenticated request belongs to.
 *
 * - By account (Meta): the channel holding the item's account, if that channel's app secret
 *   authenticated the request (a disabled holder never does: the keyring knows only enabled
 *   channels); an account no channel holds goes to the environment's catch-all (`accountId` null) if
 *   it authenticated the request. Anything else is unrouted: a request signed by one app never lands
 *   an entry on another app's channel.
 * - By secret (Telegram): an update names no bot, so the one channel whose secret token matched takes
 *   every item, and the item's account becomes that channel's bot id (null for an environment channel).
 */
export function routeItems<I extends RoutableItem>(input: RouteInput<I>): RoutedItem<I>[] {
  const authenticated = new Set(input.authenticated);
  if (input.routing === 'secret') {
    const only =
      input.authenticated.length === 1 ? input.channels.find((c) => c.id === input.authenticated[0]) : undefined;
    return input.items.map((item) =>
      only ? { ...item, channelId: only.id, account: only.accountId } : { ...item, channelId: null },
    );
  }
  const holders = new Map<string, number>();
  for (const channel of input.channels) if (channel.accountId !== null) holders.set(channel.accountId, channel.id);
  const catchAll = input.channels.find((c) => c.accountId === null && authenticated.has(c.id))?.id ?? null;
  return input.items.map((item) => {
    const holder = item.account === null ? undefined : holders.get(item.account);
    if (holder === undefined) return { ...item, channelId: catchAll };
    return { ...item, channelId: authenticated.has(holder) ? holder : null };
  });
}
