import { platformFor } from '../platforms/registry.js';
import type { ChannelKey, PlatformName, WebhookKeyring } from '../platforms/types.js';
import type { Channel } from './channel.js';
import type { ChannelDirectory } from './channel-directory.js';

/** Where the webhook routes find a platform's keyring and the channels an item may be routed to. */
export interface WebhookChannels {
  /** The keyring over the platform's enabled channels; undefined when it has none (its webhooks answer 404). */
  keyring(platform: PlatformName): WebhookKeyring | undefined;
  /** The platform's enabled channels, from memory. */
  enabled(platform: PlatformName): readonly Channel[];
  /** Stops following the directory. */
  close(): void;
}

const keyOf = (channel: Channel): ChannelKey => ({
  channelId: channel.id,
  accountId: channel.accountId,
  wabaId: channel.wabaId,
  secrets: channel.secrets,
});

/**
 * The directory's keyrings, built once per platform on first use after each reload (an HMAC keyring
 * over many channels is worth keeping, never rebuilt per request), and dropped on the next reload.
 */
export function channelKeyrings(directory: ChannelDirectory): WebhookChannels {
  const built = new Map<PlatformName, WebhookKeyring | undefined>();
  const unsubscribe = directory.onChange(() => built.clear());
  return {
    keyring(platform) {
      if (!built.has(platform)) {
        const channels = directory.enabled(platform);
        built.set(platform, channels.length ? platformFor(platform).createKeyring(channels.map(keyOf)) : undefined);
      }
      return built.get(platform);
    },
    enabled: (platform) => directory.enabled(platform),
    close: unsubscribe,
  };
}
