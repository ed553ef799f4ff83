import type { OmniConfig } from '../config/load-config.js';
import { createInstagramSender } from './instagram/send.js';
import type { GraphTarget } from './meta/graph-send.js';
import { createMessengerSender } from './messenger/send.js';
import { createTelegramSender } from './telegram/send.js';
import type { PlatformName, PlatformSender } from './types.js';
import { createWhatsAppSender } from './whatsapp/send.js';

export type SenderRegistry = ReadonlyMap<PlatformName, PlatformSender>;

/** The send clients of the platforms that have a token; a platform without one cannot send. */
export function createSenderRegistry(
  config: Pick<OmniConfig, 'sending' | 'graphApi' | 'telegramApi' | 'platformTokens'>,
): SenderRegistry {
  const { sending, graphApi, telegramApi } = config;
  const graph = (token: string): GraphTarget => ({
    baseUrl: graphApi.baseUrl,
    version: graphApi.version,
    token,
    timeoutMs: sending.timeoutMs,
  });
  const { whatsapp, messenger, instagram, telegram } = config.platformTokens;
  const senders = new Map<PlatformName, PlatformSender>();
  if (whatsapp) senders.set('whatsapp', createWhatsAppSender(graph(whatsapp)));
  if (messenger) senders.set('messenger', createMessengerSender(graph(messenger)));
  if (instagram) senders.set('instagram', createInstagramSender(graph(instagram)));
  if (telegram)
    senders.set(
      'telegram',
      createTelegramSender({ baseUrl: telegramApi.baseUrl, token: telegram, timeoutMs: sending.timeoutMs }),
    );
  return senders;
}
