import type { OmniConfig } from '../config/load-config.js';
import type { PlatformApis } from './platform.js';

/** The platform API origins and send timeout, from the configuration (GRAPH_API_*, TELEGRAM_API_BASE_URL, SEND_TIMEOUT_MS). */
export function platformApis(config: Pick<OmniConfig, 'graphApi' | 'telegramApi' | 'sending'>): PlatformApis {
  return { graph: config.graphApi, telegram: config.telegramApi, timeoutMs: config.sending.timeoutMs };
}
