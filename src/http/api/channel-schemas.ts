/** The channel routes' JSON schemas: secrets are write-only, answers carry hints (last 4 characters at most). */
import { fieldUse, sharedChannelFields } from '../../platforms/channel-fields.js';
import { accountName, SECRET_FIELDS, type SecretField } from '../../platforms/channel-shape.js';
import { platformFor } from '../../platforms/registry.js';
import { PLATFORM_NAMES } from '../../platforms/types.js';
import { ASSIGNMENT_MODES } from '../../store/channels.js';
import { dateTime, nullable, objectOf } from './schema-shapes.js';

const hint = { type: 'string', description: 'the last 4 characters at most, after "…"; never the secret' } as const;

/** The account again under each platform's name for it (phoneNumberId, pageId, instagramId, botId). */
const accountNames = Object.fromEntries(
  PLATFORM_NAMES.map((platform) => {
    const { account } = platformFor(platform).channel;
    const learned = 'learned' in account ? ` (${account.learned.description})` : '';
    return [
      accountName(platformFor(platform).channel),
      nullable('string', { description: `${platform}: accountId again${learned}` }),
    ];
  }),
);

/** A channel as every channel route answers it; of the account aliases, only its platform's own is there. */
export const channelSchema = objectOf(
  {
    id: { type: 'integer' },
    platform: { type: 'string', enum: [...PLATFORM_NAMES] },
    name: { type: 'string' },
    source: {
      type: 'string',
      enum: ['database', 'environment'],
      description: "environment: the platform's `default` channel, made of its variables",
    },
    accountId: nullable('string', { description: 'the account it holds; null: any account no other channel holds' }),
    ...accountNames,
    wabaId: nullable('string'),
    enabled: { type: 'boolean' },
    sendsPerSecond: nullable('integer', { description: "null: the platform's default (<PLATFORM>_SENDS_PER_SECOND)" }),
    assignment: { type: 'string', enum: [...ASSIGNMENT_MODES] },
    assignmentCap: nullable('integer', { description: 'null: no cap' }),
    previousAppSecretUntil: nullable('string', {
      format: 'date-time',
      description: 'while a replaced app secret still verifies webhooks: until when',
    }),
    health: objectOf({
      lastWebhookAt: nullable('string', { format: 'date-time' }),
      lastError: nullable('string'),
      lastErrorAt: nullable('string', { format: 'date-time' }),
    }),
    createdAt: dateTime,
    removedAt: nullable('string', { format: 'date-time' }),
    secrets: objectOf(Object.fromEntries(SECRET_FIELDS.map((field) => [field, hint])), {
      description: 'a hint of each secret the channel holds; answered to admins only',
      optional: SECRET_FIELDS,
    }),
  },
  { optional: ['secrets', ...Object.keys(accountNames)] },
);

const isSecret = (name: string): name is SecretField => (SECRET_FIELDS as readonly string[]).includes(name);

/** The fields of an add, by the camelCase of `omni channel add`'s flags. Which are required depends on the platform. */
const channelFields = {
  name: { type: 'string', minLength: 1, maxLength: 100, description: 'unique within the platform' },
  // Each platform's own fields, as its channel declares them; secrets are write-only.
  ...Object.fromEntries(
    sharedChannelFields().map((field) => [
      field.name,
      {
        type: 'string',
        minLength: 1,
        ...(isSecret(field.name) ? { writeOnly: true } : {}),
        description: `${fieldUse(field)}: ${field.description}${field.format ? `; ${field.format.rule}` : ''}`,
      },
    ]),
  ),
  sendsPerSecond: { type: 'integer', minimum: 1, description: "this channel's send cap; default: the platform's" },
  assignment: {
    type: 'string',
    enum: [...ASSIGNMENT_MODES],
    description:
      'manual (default): people assign; round_robin: each new or reopened conversation goes to the online member with the fewest open ones',
  },
  assignmentCap: {
    type: 'integer',
    minimum: 1,
    description: 'round_robin: at most this many open conversations a member; default: no cap',
  },
  register: {
    type: 'string',
    description:
      "telegram: the https base URL Omni is reached at; its bot's webhook is set to <register>/webhook/telegram",
  },
};

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
    assignmentCap: nullable('integer', { minimum: 1, description: 'null: no cap' }),
    enabled: { type: 'boolean', description: 'false: the channel takes no webhooks until enabled again' },
  },
} as const;

/** How a `register` went: Telegram's refusal in words (the channel is stored either way). */
export const registration = objectOf(
  { url: { type: 'string' }, ok: { type: 'boolean' }, problem: { type: 'string' } },
  { optional: ['problem'], description: 'answered when the request named `register`' },
);
