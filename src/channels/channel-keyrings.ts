import type { Logger } from 'pino';
import { platformFor } from '../platforms/registry.js';
import type { ChannelKey, PlatformName, WebhookKeyring } from '../platforms/types.js';
import type { Channel } from './channel.js';
import type { ChannelDirectory } from './channel-directory.js';

/** Where the webhook routes find a platform's keyring and the channels an item may be routed to. */
export interface WebhookChannels {
  /** The keyring over the platform's enabled channels; undefined when it has none (its webhooks answer 404). */
  keyring(platform: PlatformName): WebhookKeyring | undefined;
  /** The platform's live channels, enabled or not, from memory: who holds which account, for routing. */
  live(platform: PlatformName): readonly Channel[];
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
 * The directory's keyrings (and each platform's live channels), built once per platform on first use after each reload (an HMAC keyring
 * over many channels is worth keeping, never rebuilt per request), and dropped on the next reload.
 * What a build finds wrong (two bots sharing a secret) is logged as it first appears, never a secret.
 */
export function channelKeyrings(directory: ChannelDirectory, logger: Pick<Logger, 'warn'>): WebhookChannels {
  const built = new Map<PlatformName, WebhookKeyring | undefined>();
  // A keyring's problems are logged when they first appear, not again at each rebuild while they last.
  const reported = new Map<PlatformName, ReadonlySet<string>>();
  const report = (platform: PlatformName, keyring: WebhookKeyring | undefined) => {
    const problems = new Set(keyring?.problems ?? []);
    for (const problem of problems) if (!reported.get(platform)?.has(problem)) logger.warn({ platform }, problem);
    reported.set(platform, problems);
  };
  const live = new Map<PlatformName, readonly Channel[]>();
  const unsubscribe = directory.onChange(() => {
    built.clear();
    live.clear();
  });
  return {
    keyring(platform) {
      if (!built.has(platform)) {
        const channels = directory.enabled(platform);
        const keyring = channels.length ? platformFor(platform).createKeyring(channels.map(keyOf)) : undefined;
        report(platform, keyring);
        built.set(platform, keyring);
      }
      return built.get(platform);
    },
    live(platform) {
      let channels = live.get(platform);
      if (!channels) {
        channels = directory.live().filter((channel) => channel.platform === platform);
        live.set(platform, channels);
      }
      return channels;
    },
    close: unsubscribe,
  };
}
