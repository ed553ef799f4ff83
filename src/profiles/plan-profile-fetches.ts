import type { FollowUpPlanner, NewJob } from '../jobs/types.js';
import { PLATFORMS } from '../platforms/registry.js';
import { PLATFORM_NAMES } from '../platforms/types.js';
import { requestProfileFetches } from '../store/contact-profiles.js';

/** The platforms whose webhooks carry no name (Messenger, Instagram): WhatsApp's and Telegram's do, and have no fetcher. */
export const PROFILE_PLATFORMS = PLATFORM_NAMES.filter((name) => PLATFORMS[name].fetchProfile !== undefined);

const isProfilePlatform = (platform: string) => (PROFILE_PLATFORMS as readonly string[]).includes(platform);

/**
 * Plans a `fetch_profile` job for the sender of processed inbound messages whose profile was never
 * fetched, or not for `refreshHours`: once per contact per batch, and not while one waits
 * (`requestProfileFetches` marks the contact inside the processing transaction).
 */
export function planProfileFetches(refreshHours: number): FollowUpPlanner {
  return async (tx, items) => {
    // Most batches (WhatsApp, Telegram) have nothing to ask for: they cost no query.
    const ids = items
      .filter((i) => i.kind === 'message' && i.conversationId !== null && isProfilePlatform(i.platform))
      .map((i) => i.messageId);
    const requests = await requestProfileFetches(tx, ids, PROFILE_PLATFORMS, refreshHours);
    return requests.map(fetchProfileJob);
  };
}

/**
 * The job that fetches one contact's profile, in its own FIFO group: a slow profile call never holds
 * back the conversation's messages.
 */
export function fetchProfileJob(request: { contactId: number; messageId: number }): NewJob {
  return {
    kind: 'fetch_profile',
    messageId: request.messageId,
    payload: { contactId: request.contactId },
    group: `profile-${request.contactId}`,
  };
}
