import type { PlatformApis } from '../platform.js';
import type { ChannelSecrets } from '../types.js';
import type { GraphTarget } from './graph-send.js';

/** Where a channel's Graph sends go, with its access token; undefined when it has none (it cannot send). */
export function graphTarget(secrets: ChannelSecrets, apis: PlatformApis): GraphTarget | undefined {
  if (!secrets.accessToken) return undefined;
  return { ...apis.graph, token: secrets.accessToken, timeoutMs: apis.timeoutMs };
}
