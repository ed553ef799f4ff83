import type { OmniConfig } from '../config/load-config.js';
import { isOmniError, OmniError, type ErrorCode } from '../errors.js';
import { RetryJobLater, type JobHandler } from '../jobs/types.js';
import { claimAttachmentFetch, markAttachmentFailed, markAttachmentStored } from '../store/attachments.js';
import { downloadMedia } from './download-media.js';
import { mediaByteLimit, mediaOutboundPolicy } from './media-limits.js';
import { resolveMediaDownload, type MediaSourceSettings } from './media-sources.js';
import type { MediaStore } from './media-store.js';
import { storeSpooledMedia } from './spool-media.js';

/** Failures no retry can fix: the attachment is marked failed with the reason, the job ends. */
const FINAL: readonly ErrorCode[] = [
  'OMNI_ERR_MEDIA_GONE',
  'OMNI_ERR_MEDIA_REJECTED',
  'OMNI_ERR_MEDIA_TOO_LARGE',
  'OMNI_ERR_MEDIA_NO_TOKEN',
  'OMNI_ERR_OUTBOUND_REFUSED',
];

/** Replaces every platform token in a text: a reason or an error is recorded and logged, a token never is. */
function redactor(tokens: OmniConfig['platformTokens']) {
  const secrets = Object.values(tokens).filter((token): token is string => Boolean(token));
  return (text: string) => secrets.reduce((redacted, secret) => redacted.split(secret).join('[redacted]'), text);
}

/**
 * The `fetch_media` job: resolves an attachment's platform reference, downloads it within the
 * outbound policy and the size cap, stores it under its content address and marks it `stored`.
 * A final failure (expired id, 404, too large, refused by the policy, no token) or the last
 * attempt's failure marks it `failed` with the reason; the message itself is never touched.
 * Either way the message is announced, so dashboards redraw it. Other failures throw and retry.
 */
export function createFetchMediaHandler(config: OmniConfig, store: MediaStore): JobHandler {
  const settings: MediaSourceSettings = {
    policy: mediaOutboundPolicy(config),
    graphApi: config.graphApi,
    telegramApi: config.telegramApi,
    tokens: config.platformTokens,
  };
  const redact = redactor(config.platformTokens);

  return async ({ sql, logger }, job) => {
    const attachmentId = Number(job.payload.attachmentId);
    const attachment = await claimAttachmentFetch(sql, attachmentId);
    if (!attachment) return { outcome: 'failed', reason: `attachment ${attachmentId} no longer exists` };
    if (attachment.state === 'stored') return { outcome: 'done' };
    const log = logger.child({ attachmentId, messageId: attachment.messageId, platform: attachment.platform });
    try {
      const download = await resolveMediaDownload(settings, attachment.platform, attachment.sourceRef);
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
      const reason = redact(error instanceof Error ? error.message : String(error));
      const final = FINAL.some((code) => isOmniError(error, code));
      if (final || job.lastAttempt) {
        const recorded = final ? reason : `gave up after ${job.attempt} attempts: ${reason}`;
        await markAttachmentFailed(sql, attachmentId, recorded);
        log.warn({ reason: recorded }, 'media download failed');
        return { outcome: 'failed', reason: recorded, announce: true };
      }
      // Rethrown with the redacted message only: the original may carry a URL with a token.
      if (error instanceof RetryJobLater) throw new RetryJobLater(reason, error.delaySeconds);
      throw new OmniError(isOmniError(error) ? error.code : 'OMNI_ERR_MEDIA_UNAVAILABLE', reason);
    }
  };
}
