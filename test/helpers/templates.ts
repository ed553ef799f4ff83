import type { JSONValue } from 'postgres';
import type { ChannelDirectory } from '../../src/channels/channel-directory.js';
import { updateChannel } from '../../src/channels/manage-channels.js';
import type { Sql, SqlPool } from '../../src/store/database.js';
import { testManagement } from './channels.js';

/**
 * Template components as Meta's `GET /{waba-id}/message_templates` answers them (uppercase types,
 * `format` on headers, `example` values), for the reply checks to read.
 * Source: https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/components
 */
export const TEMPLATE_COMPONENTS = {
  positionalBody: {
    type: 'BODY',
    text: 'Hi {{1}}, your order {{2}} is on its way.',
    example: { body_text: [['Jim', '#1042']] },
  },
  namedBody: {
    type: 'BODY',
    text: 'Hi {{first_name}}, your order {{order_id}} is on its way.',
    example: {
      body_text_named_params: [
        { param_name: 'first_name', example: 'Jim' },
        { param_name: 'order_id', example: '#1042' },
      ],
    },
  },
  textHeader: { type: 'HEADER', format: 'TEXT', text: 'Our {{1}} is on!', example: { header_text: ['Summer Sale'] } },
  imageHeader: { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARZ8yBQh'] } },
  buttons: {
    type: 'BUTTONS',
    buttons: [
      { type: 'QUICK_REPLY', text: 'Stop updates' },
      {
        type: 'URL',
        text: 'Track it',
        url: 'https://shop.example.com/track/{{1}}',
        example: ['https://shop.example.com/track/1042'],
      },
      { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550100200' },
    ],
  },
  /** A copy-code authentication template: the code goes in the body and in the OTP button. */
  authentication: [
    {
      type: 'BODY',
      text: '*{{1}}* is your verification code. For your security, do not share this code.',
      add_security_recommendation: true,
      example: { body_text: [['492051']] },
    },
    { type: 'FOOTER', text: 'This code expires in 10 minutes.', code_expiration_minutes: 10 },
    { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
  ],
} as const;

/** Stores a template of a WABA as the sync would (the sync itself is another room's), APPROVED unless told. */
export async function storeTemplate(
  sql: Sql,
  template: { wabaId: string; name: string; language: string; status?: string; components: readonly unknown[] },
): Promise<void> {
  const { wabaId, name, language, status = 'APPROVED', components } = template;
  await sql`
    insert into whatsapp_templates (waba_id, name, language, status, category, components)
    values (${wabaId}, ${name}, ${language}, ${status}, 'UTILITY', ${sql.json(components as JSONValue)})`;
}

/**
 * Gives the environment's WhatsApp channel (`default`) a WABA, as `omni channel update default
 * --waba-id` does, and reloads `channels` so the next reply sees it.
 */
export async function giveDefaultChannelWaba(sql: SqlPool, channels: ChannelDirectory, wabaId: string): Promise<void> {
  await updateChannel(testManagement(sql), 'default', { wabaId }, 'whatsapp');
  await channels.refresh();
}
