import type { OmniConfig } from '../config/load-config.js';
import { isOmniError, OmniError } from '../errors.js';
import type { JobHandler } from '../jobs/types.js';
import { type JobChannels, jobChannel, redactChannelSecrets } from '../channels/job-channel.js';
import { mediaByteLimit, mediaOutboundPolicy } from '../media/media-limits.js';
import type { MediaStore } from '../media/media-store.js';
import { platformApis } from '../platforms/platform-apis.js';
import type { Profile } from '../platforms/platform.js';
import { platformFor } from '../platforms/registry.js';
import { type FetchedProfile, selectProfileTarget, storeFetchedProfile } from '../store/contact-profiles.js';
import { storeAvatar } from './store-avatar.js';

/**
 * The `fetch_profile` job: asks the platform for a contact's name, username and picture with the
 * token of the contact's channel, keeps the picture in the media store, and records what it found.
 * The platform's name replaces the stored one: only Messenger and Instagram have a fetcher, and
 * their webhooks carry no name, so there is no name of the person's own to keep.
 *
 * An unrouted contact (no channel verified its messages) is left as it is: nothing is asked.
 * A failure never touches the message, and leaves the contact shown by its id:
 * - the platform refused (a revoked token, a person who blocked the Page) or the channel has no
 *   token: recorded as tried (`profile_fetched_at`), not asked again before PROFILE_REFRESH_HOURS;
 * - the platform did not answer: retried by the job's retries, then recorded as tried the same way;
 * - the picture could not be downloaded: the name is kept all the same, the old picture stays.
 * Reasons are logged and kept on the job's row, with every live channel's secrets redacted.
 */
export function createFetchProfileHandler(config: OmniConfig, store: MediaStore, channels: JobChannels): JobHandler {
  const apis = platformApis(config);
  const policy = mediaOutboundPolicy(config);

  return async ({ sql, logger }, job) => {
    const contactId = Number(job.payload.contactId);
    const target = await selectProfileTarget(sql, contactId);
    if (!target) return { outcome: 'done' };
    const platform = platformFor(target.platform);
    if (!platform.fetchProfile) return { outcome: 'done' };
    const log = logger.child({ contactId, platform: target.platform, channelId: target.channelId });
    // An unrouted contact was verified by no channel: no channel's token may be spent on it.
    if (target.channelId === null) return { outcome: 'done' };
    // A removed channel has no token: the platform refuses, recorded as tried.
    const secrets = jobChannel(channels, target.channelId)?.secrets ?? {};
    const redact = (text: string) => redactChannelSecrets(channels, text);

    let profile: Profile;
    try {
      profile = await platform.fetchProfile(secrets, apis, target.externalId);
    } catch (error) {
      const reason = redact(error instanceof Error ? error.message : String(error));
      const transient = !isOmniError(error) || isOmniError(error, 'OMNI_ERR_PLATFORM_UNAVAILABLE');
      // Rethrown with the redacted message only, so the job's retries take it.
      if (transient && !job.lastAttempt)
        throw new OmniError(isOmniError(error) ? error.code : 'OMNI_ERR_PLATFORM_UNAVAILABLE', reason);
      const recorded = transient ? `gave up after ${job.attempt} attempts: ${reason}` : reason;
      await storeFetchedProfile(sql, target, {});
      log.warn({ reason: recorded }, 'profile fetch failed; the contact stays shown by its id');
      return { outcome: 'failed', reason: recorded };
    }

    const found: FetchedProfile = { name: profile.name, username: profile.username };
    if (profile.avatarUrl) {
      try {
        const limit = mediaByteLimit(config, target.platform, 'image');
        found.avatar = await storeAvatar(profile.avatarUrl, { store, policy, limit });
      } catch (error) {
        // The url is the platform's signed CDN link: neither it nor a secret goes into the log.
        const reason = redact(isOmniError(error) ? error.code : error instanceof Error ? error.name : String(error));
        log.warn({ reason }, 'profile picture not stored; the old one, if any, stays');
      }
    }
    const stored = await storeFetchedProfile(sql, target, found);
    const changed = stored && Boolean(found.name || found.username || found.avatar);
    if (stored) log.info({ name: Boolean(found.name), avatar: Boolean(found.avatar) }, 'profile stored');
    // Announced (as its message updated) so dashboards redraw the contact's name.
    return { outcome: 'done', announce: changed };
  };
}
