import type { Platform } from '../../platform.js';
import { checkMessagingAccount } from '../check-account.js';
import { graphTarget } from '../graph-target.js';
import { createMetaPlatform, type MetaPlatformParts } from '../meta-platform.js';
import { resolveCdnMedia } from './media-source.js';
import { fetchMessagingProfile } from './profile.js';
import { createMessagingSender } from './send.js';

/**
 * Messenger or Instagram: Meta's webhooks, the Send API with the channel's token, attachments as
 * signed CDN urls (no token), profiles from the User Profile API, and `GET /me` as the check.
 */
export function createMessagingPlatform(
  parts: Pick<MetaPlatformParts, 'channel' | 'extract' | 'mediaHosts' | 'replyRules'> & {
    name: 'messenger' | 'instagram';
  },
): Platform {
  const { name } = parts;
  return createMetaPlatform({
    ...parts,
    createSender: (secrets, apis) => {
      const target = graphTarget(secrets, apis);
      return target && createMessagingSender(name, target);
    },
    resolveMedia: (_secrets, _settings, ref) => resolveCdnMedia(name, ref),
    mediaLimits: {},
    fetchProfile: (secrets, apis, userId) => fetchMessagingProfile(name, secrets, apis, userId),
    check: (secrets, accountId, apis) => checkMessagingAccount(name, secrets, accountId, apis),
  });
}
