import { randomInt, randomUUID } from 'node:crypto';
import type { PlatformName } from '../platforms/types.js';

/**
 * A realistic inbound text message per platform, shaped as the platforms send them, with a fresh
 * id and the current time, so every `omni simulate` run is a new message.
 */
export function sampleWebhookBody(platform: PlatformName, text: string): unknown {
  const nowMs = Date.now();
  const seconds = Math.floor(nowMs / 1000);
  switch (platform) {
    case 'whatsapp':
      return {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                  contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
                  messages: [
                    {
                      from: '16505551234',
                      id: `wamid.SIM${randomUUID().replaceAll('-', '')}`,
                      timestamp: String(seconds),
                      type: 'text',
                      text: { body: text },
                    },
                  ],
                },
              },
            ],
          },
        ],
      };
    case 'messenger':
    case 'instagram':
      return {
        object: platform === 'messenger' ? 'page' : 'instagram',
        entry: [
          {
            id: platform === 'messenger' ? '404217156637689' : '17841462460365475',
            time: nowMs,
            messaging: [
              {
                sender: { id: platform === 'messenger' ? '1423587017700273' : '24286888740958239' },
                recipient: { id: platform === 'messenger' ? '404217156637689' : '17841462460365475' },
                timestamp: nowMs,
                message: { mid: `m_SIM${randomUUID().replaceAll('-', '')}`, text },
              },
            ],
          },
        ],
      };
    case 'telegram':
      return {
        update_id: randomInt(100_000_000, 999_999_999),
        message: {
          message_id: randomInt(1, 2 ** 31 - 1),
          from: { id: 927266710, is_bot: false, first_name: 'Ada', username: 'ada', language_code: 'en' },
          chat: { id: 927266710, first_name: 'Ada', username: 'ada', type: 'private' },
          date: seconds,
          text,
        },
      };
  }
}
