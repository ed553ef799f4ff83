import { OmniError } from '../../../errors.js';
import type { PlatformApis, Profile } from '../../platform.js';
import type { ChannelSecrets, PlatformName } from '../../types.js';
import { getGraph, graphString } from '../graph-get.js';

/** The fields each platform's User Profile API gives for a customer's page- or app-scoped id. */
const PROFILE_FIELDS = {
  messenger: ['first_name', 'last_name', 'profile_pic'],
  instagram: ['name', 'username', 'profile_pic'],
} as const;

/**
 * A Messenger customer's profile (`GET /{psid}?fields=first_name,last_name,profile_pic`, the name
 * joined from its parts) or an Instagram one's (`GET /{igsid}?fields=name,username,profile_pic`),
 * with the channel's token as a bearer header. A refusal throws OMNI_ERR_PLATFORM_REFUSED with
 * Graph's words; no answer, OMNI_ERR_PLATFORM_UNAVAILABLE.
 */
export async function fetchMessagingProfile(
  platform: Extract<PlatformName, 'messenger' | 'instagram'>,
  secrets: ChannelSecrets,
  apis: PlatformApis,
  userId: string,
): Promise<Profile> {
  if (!secrets.accessToken)
    throw new OmniError('OMNI_ERR_PLATFORM_NO_TOKEN', `${platform}: no access token for profiles`);
  const answer = await getGraph(
    apis,
    secrets.accessToken,
    encodeURIComponent(userId),
    PROFILE_FIELDS[platform],
    `${platform} profile`,
  );
  if (!answer.ok)
    throw new OmniError(answer.refused ? 'OMNI_ERR_PLATFORM_REFUSED' : 'OMNI_ERR_PLATFORM_UNAVAILABLE', answer.problem);
  const field = (name: string) => graphString(answer.body, name)?.trim() || undefined;
  const name =
    platform === 'messenger'
      ? [field('first_name'), field('last_name')].filter(Boolean).join(' ') || undefined
      : field('name');
  const profile: Profile = {};
  if (name) profile.name = name;
  const username = field('username');
  if (username) profile.username = username;
  const avatarUrl = field('profile_pic');
  if (avatarUrl) profile.avatarUrl = avatarUrl;
  return profile;
}
