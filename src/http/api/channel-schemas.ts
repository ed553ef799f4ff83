/** The channel routes' JSON schemas: secrets are write-only, answers carry hints (last 4 characters at most). */
import { PLATFORM_NAMES } from '../../platforms/types.js';
import { nullable } from './schemas.js';

const dateTime = { type: 'string', format: 'date-time' } as const;
const hint = { type: 'string', description: 'the last 4 characters at most, after "…"; never the secret' } as const;

/** A channel as every channel route answers it. */
export const channelSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    platform: { type: 'string', enum: [...PLATFORM_NAMES] },
    name: { type: 'string' },
    source: {
      type: 'string',
      enum: ['database', 'environment'],
      description: "environment: the platform's `default` channel, made of its variables",
    },
    accountId: nullable('string', { description: 'the account it holds; null: any account no other channel holds' }),
    phoneNumberId: nullable('string', { description: 'whatsapp: accountId again' }),
    pageId: nullable('string', { description: 'messenger: accountId again' }),
    instagramId: nullable('string', { description: 'instagram: accountId again' }),
    botId: nullable('string', { description: "telegram: accountId again, learned from the token's getMe" }),
    wabaId: nullable('string'),
    enabled: { type: 'boolean' },
    sendsPerSecond: nullable('integer', { description: "null: the platform's default (<PLATFORM>_SENDS_PER_SECOND)" }),
    previousAppSecretUntil: nullable('string', {
      format: 'date-time',
      description: 'while a replaced app secret still verifies webhooks: until when',
    }),
    health: {
      type: 'object',
      properties: { lastWebhookAt: nullable('string'), lastError: nullable('string'), lastErrorAt: nullable('string') },
    },
    createdAt: dateTime,
    removedAt: nullable('string', { format: 'date-time' }),
    secrets: {
      type: 'object',
      description: 'a hint of each secret the channel holds',
      properties: { appSecret: hint, verifyToken: hint, accessToken: hint, botToken: hint, webhookSecret: hint },
    },
  },
} as const;

const secret = (description: string) => ({ type: 'string', minLength: 1, writeOnly: true, description }) as const;

/** The fields of an add, by the camelCase of `omni channel add`'s flags. Which are required depends on the platform. */
const channelFields = {
  name: { type: 'string', minLength: 1, maxLength: 100, description: 'unique within the platform' },
  phoneNumberId: { type: 'string', minLength: 1, description: 'whatsapp (required): the phone_number_id' },
  wabaId: { type: 'string', minLength: 1, description: 'whatsapp: the WhatsApp Business Account id' },
  pageId: { type: 'string', minLength: 1, description: 'messenger (required): the Page id' },
  instagramId: { type: 'string', minLength: 1, description: 'instagram (required): the Instagram account id' },
  appSecret: secret('whatsapp, messenger, instagram (required): the Meta app secret webhooks are signed with'),
  verifyToken: secret('whatsapp, messenger, instagram (required): the webhook handshake token'),
  accessToken: secret('whatsapp, messenger, instagram (required): the Graph token replies and media use'),
  botToken: secret("telegram (required): the bot's token; getMe learns the bot from it"),
  webhookSecret: secret(
    'telegram: the secret_token Telegram sends with each update (1-256 of A-Z a-z 0-9 _ -); generated when left out',
  ),
  sendsPerSecond: { type: 'integer', minimum: 1, description: "this channel's send cap; default: the platform's" },
  register: {
    type: 'string',
    description:
      "telegram: the https base URL Omni is reached at; its bot's webhook is set to <register>/webhook/telegram",
  },
} as const;

export const addChannelBody = {
  type: 'object',
  required: ['platform', 'name'],
  properties: {
    platform: { type: 'string', description: `one of ${PLATFORM_NAMES.join(', ')}` },
    ...channelFields,
  },
} as const;

/** Only what is given changes. A new appSecret keeps the old one verifying for APP_SECRET_ROTATION_HOURS. */
export const updateChannelBody = {
  type: 'object',
  properties: {
    ...channelFields,
    wabaId: nullable('string', { description: 'null: none' }),
    sendsPerSecond: nullable('integer', { minimum: 1, description: "null: back to the platform's default" }),
    enabled: { type: 'boolean', description: 'false: the channel takes no webhooks until enabled again' },
  },
} as const;

/** How a `register` went: Telegram's refusal in words (the channel is stored either way). */
export const registration = {
  type: 'object',
  properties: { url: { type: 'string' }, ok: { type: 'boolean' }, problem: { type: 'string' } },
} as const;
