import type { Channel } from '../channels/channel.js';
import type { ChannelDirectory } from '../channels/channel-directory.js';
import { OmniError } from '../errors.js';

/** Where replies find their conversation's channel: the directory, from memory. */
export type ReplyChannels = Pick<ChannelDirectory, 'byId'>;

/**
 * The channel a conversation's replies go out through: its own, live and enabled. Throws an
 * OmniError saying why there is none: the conversation is unrouted, or its channel was removed,
 * disabled, or holds secrets this process cannot open. Never another channel: a reply leaves from
 * the account the customer wrote to.
 */
export function replyChannel(channels: ReplyChannels, channelId: number | null): Channel {
  if (channelId === null) throw new OmniError('OMNI_ERR_REPLY_UNROUTED');
  const channel = channels.byId(channelId);
  if (!channel) throw new OmniError('OMNI_ERR_REPLY_CHANNEL_REMOVED', `channel ${channelId} was removed`);
  if (channel.unreadable)
    throw new OmniError(
      'OMNI_ERR_REPLY_CHANNEL_UNREADABLE',
      `channel ${channel.name} (id ${channel.id}): its secrets cannot be opened with this server's keys`,
    );
  if (!channel.enabled)
    throw new OmniError('OMNI_ERR_REPLY_CHANNEL_DISABLED', `channel ${channel.name} (id ${channel.id}) is disabled`);
  return channel;
}
