import type { Channel } from './channel.js';
import type { ChannelDirectory } from './channel-directory.js';

/** What a job that calls a platform with a channel's token reads of the directory. */
export type JobChannels = Pick<ChannelDirectory, 'byId' | 'live'>;

/**
 * The channel whose token a download or a profile fetch uses: the item's own, enabled or not.
 * Undefined for an unrouted item (no channel verified it: not even the catch-all, which would have
 * taken it, so its token must not serve it) and for a removed channel.
 */
export function jobChannel(channels: JobChannels, channelId: number | null): Channel | undefined {
  return channelId === null ? undefined : channels.byId(channelId);
}

/**
 * Replaces every live channel's secrets in a text: a reason or an error is recorded and logged, a
 * secret never is, whichever channel's it is (a platform's answer may quote another token).
 */
export function redactChannelSecrets(channels: JobChannels, text: string): string {
  return channels
    .live()
    .flatMap(({ secrets: s }) => [s.accessToken, s.botToken, s.verifyToken, s.webhookSecret, ...(s.appSecrets ?? [])])
    .filter((secret): secret is string => Boolean(secret))
    .reduce((redacted, secret) => redacted.split(secret).join('[redacted]'), text);
}
