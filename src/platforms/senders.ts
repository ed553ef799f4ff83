import type { SendingConfig } from '../config/load-config.js';
import { createInstagramSender } from './instagram/send.js';
import type { GraphTarget } from './meta/graph-send.js';
import { createMessengerSender } from './messenger/send.js';
import { createTelegramSender } from './telegram/send.js';
import type { PlatformName, PlatformSender } from './types.js';
import { createWhatsAppSender } from './whatsapp/send.js';

export type SenderRegistry = ReadonlyMap<PlatformName, PlatformSender>;

/** The send clients of the platforms that have a token; a platform without one cannot send. */
export function createSenderRegistry(sending: SendingConfig): SenderRegistry {
  const graph = (token: string): GraphTarget => ({ baseUrl: sending.graphApiBaseUrl, version: sending.graphApiVersion, token, timeoutMs: sending.timeoutMs });
  const { whatsapp, messenger, instagram, telegram } = sending.tokens;
  const senders = new Map<PlatformName, PlatformSender>();
  if (whatsapp) senders.set('whatsapp', createWhatsAppSender(graph(whatsapp)));
  if (messenger) senders.set('messenger', createMessengerSender(graph(messenger)));
  if (instagram) senders.set('instagram', createInstagramSender(graph(instagram)));
  if (telegram) senders.set('telegram', createTelegramSender({ baseUrl: sending.telegramApiBaseUrl, token: telegram, timeoutMs: sending.timeoutMs }));
  return senders;
}
