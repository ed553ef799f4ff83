import { findChannel } from '../channels/manage-channels.js';
import { isOmniError, OmniError } from '../errors.js';
import { PLATFORM_NAMES, type PlatformName } from '../platforms/types.js';
import type { Sql } from '../store/database.js';

/**
 * A channel as a user or token names it: `<platform>/<name>`, a bare name (when only one platform
 * has a channel of that name), or its id. Names resolve as `omni channel` resolves them.
 */
export type ChannelRef = string | number;

/** `whatsapp/Brazil` → the platform and the name; anything else is a name or an id as it is. */
function split(ref: ChannelRef): { nameOrId: ChannelRef; platform?: PlatformName } {
  if (typeof ref === 'number') return { nameOrId: ref };
  const slash = ref.indexOf('/');
  const platform = PLATFORM_NAMES.find((name) => name === ref.slice(0, slash));
  return platform ? { nameOrId: ref.slice(slash + 1), platform } : { nameOrId: ref };
}

/**
 * The ids of the live channels named, each once, in order. An error names `field` (the flag or the
 * body field that gave the reference), so the caller knows which of its inputs to fix.
 */
export async function resolveChannelRefs(sql: Sql, refs: readonly ChannelRef[], field: string): Promise<number[]> {
  const ids: number[] = [];
  for (const ref of refs) {
    const { nameOrId, platform } = split(ref);
    try {
      const { id } = await findChannel(sql, nameOrId, platform);
      if (!ids.includes(id)) ids.push(id);
    } catch (error) {
      if (isOmniError(error, 'OMNI_ERR_CHANNEL_NOT_FOUND'))
        throw new OmniError(
          'OMNI_ERR_USER_CHANNEL_UNKNOWN',
          `${field}: ${error.message}${platform ? ` on ${platform}` : ''}`,
        );
      if (isOmniError(error)) throw new OmniError(error.code, `${field}: ${error.message}`);
      throw error;
    }
  }
  return ids;
}
