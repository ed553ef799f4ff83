import type { OmniConfig } from '../config/load-config.js';
import { isOmniError, OmniError, type ErrorCode } from '../errors.js';
import { RetryJobLater, type JobHandler } from '../jobs/types.js';
import { claimAttachmentFetch, markAttachmentFailed, markAttachmentStored } from '../store/attachments.js';
import { downloadMedia } from './download-media.js';
import { MediaThrottled } from '../platforms/media-answer.js';
import type { MediaSettings } from '../platforms/platform.js';
import { platformApis } from '../platforms/platform-apis.js';
import { platformFor } from '../platforms/registry.js';
import type { Channel } from '../channels/channel.js';
import { type JobChannels, jobChannel, redactChannelSecrets } from '../channels/job-channel.js';
import type { PlatformName } from '../platforms/types.js';
import { mediaByteLimit, mediaOutboundPolicy } from './media-limits.js';
import type { MediaStore } from './media-store.js';
import { storeSpooledMedia } from './spool-media.js';

/** Failures no retry can fix: the attachment is marked failed with the reason, the job ends. */
const FINAL: readonly ErrorCode[] = [
  'OMNI_ERR_MEDIA_GONE',
  'OMNI_ERR_MEDIA_REJECTED',
  'OMNI_ERR_MEDIA_TOO_LARGE',
  'OMNI_ERR_MEDIA_NO_TOKEN',
  'OMNI_ERR_MEDIA_NO_CHANNEL',
  'OMNI_ERR_OUTBOUND_REFUSED',
];

/** The channel a download goes through: its message's; an unrouted message, or a removed channel, has none: final. */
function downloadChannel(channels: JobChannels, platform: PlatformName, channelId: number | null): Channel {
  const channel = jobChannel(channels, channelId);
  if (!channel)
    throw new OmniError(
      'OMNI_ERR_MEDIA_NO_CHANNEL',
      channelId === null
        ? `the message is unrouted: no ${platform} channel verified it, so none downloads for it`
        : `channel ${channelId} was removed`,
    );
  return channel;
}

/**
 * The `fetch_media` job: resolves an attachment's platform reference, downloads it within the
 * outbound policy and the size cap, stores it under its content address and marks it `stored`.
 * The download uses the message's channel's token (see `downloadChannel`).
 * A final failure (expired id, 404, too large, refused by the policy, no channel or token) or the last
 * attempt's failure marks it `failed` with the reason; the message itself is never touched.
 * Either way the message is announced, so dashboards redraw it. Other failures throw and retry.
 */
export function createFetchMediaHandler(config: OmniConfig, store: MediaStore, channels: JobChannels): JobHandler {
  const settings: MediaSettings = { policy: mediaOutboundPolicy(config), apis: platformApis(config) };

  return async ({ sql, logger }, job) => {
    const attachmentId = Number(job.payload.attachmentId);
    const attachment = await claimAttachmentFetch(sql, attachmentId);
    if (!attachment) return { outcome: 'failed', reason: `attachment ${attachmentId} no longer exists` };
    if (attachment.state === 'stored') return { outcome: 'done' };
    const log = logger.child({ attachmentId, messageId: attachment.messageId, platform: attachment.platform });
    try {
      const { secrets } = downloadChannel(channels, attachment.platform, attachment.channelId);
      const platform = platformFor(attachment.platform);
      const download = await platform.resolveMedia(secrets, settings, attachment.sourceRef);
      const media = await downloadMedia(
        download,
        settings.policy,
        mediaByteLimit(config, attachment.platform, attachment.contentKind),
      );
      try {
        const key = await storeSpooledMedia(store, media);
        await markAttachmentStored(sql, attachmentId, {
          mimeType: media.mimeType,
          sizeBytes: media.size,
          sha256: media.sha256,
          storageKey: key,
        });
      } finally {
        await media.discard();
      }
      log.info({ mimeType: media.mimeType, size: media.size }, 'media stored');
      return { outcome: 'done', announce: true };
    } catch (error) {
      const reason = redactChannelSecrets(channels, error instanceof Error ? error.message : String(error));
      const final = FINAL.some((code) => isOmniError(error, code));
      if (final || job.lastAttempt) {
        const recorded = final ? reason : `gave up after ${job.attempt} attempts: ${reason}`;
        await markAttachmentFailed(sql, attachmentId, recorded);
        log.warn({ reason: recorded }, 'media download failed');
        return { outcome: 'failed', reason: recorded, announce: true };
      }
      // Rethrown with the redacted message only: the original may carry a URL with a token.
      if (error instanceof MediaThrottled) throw new RetryJobLater(reason, error.retryAfterSeconds);
      throw new OmniError(isOmniError(error) ? error.code : 'OMNI_ERR_MEDIA_UNAVAILABLE', reason);
    }
  };
}
