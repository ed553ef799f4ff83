/**
 * The platforms' webhook routes as the OpenAPI document shows them: which platforms, the headers
 * each signs with, and every answer. The request body is the platform's own JSON, read as raw bytes
 * (the signature is over them), so it is described to the document only: a `body` schema would
 * have Fastify parse and validate what must stay bytes until verified.
 */
import { PLATFORM_NAMES } from '../platforms/types.js';
import { documentBody } from './api-docs.js';
import { errorResponses, objectOf } from './api/schema-shapes.js';

const params = {
  type: 'object',
  required: ['platform'],
  properties: {
    platform: { type: 'string', description: `${PLATFORM_NAMES.join(', ')}; another is a 404` },
  },
};

/** Meta's subscription handshake: `GET /webhook/:platform?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`. */
export const webhookHandshakeSchema = {
  operationId: 'verifyWebhookSubscription',
  summary: "Meta's subscription handshake: echoes hub.challenge when hub.verify_token is a channel's",
  tags: ['webhooks'],
  security: [],
  params,
  querystring: {
    type: 'object',
    properties: {
      'hub.mode': { type: 'string', description: 'subscribe' },
      'hub.verify_token': { type: 'string', description: "a channel's verify token" },
      'hub.challenge': { type: 'string' },
    },
  },
  response: {
    200: { description: 'hub.challenge, as it came', content: { 'text/plain': { schema: { type: 'string' } } } },
    ...errorResponses(403, 404, 500),
  },
};

const documentedBody = {
  content: {
    'application/json': {
      schema: {
        type: 'object',
        additionalProperties: true,
        description: "the platform's update, as it sends it: Meta's `{ object, entry: [...] }`, Telegram's Update",
      },
    },
  },
};

/** `POST /webhook/:platform`: route options, with the document's request body. */
export const webhookPostSchema = {
  config: { swaggerTransform: documentBody(documentedBody) },
  schema: {
    operationId: 'receiveWebhook',
    summary: 'A platform delivers updates: verified over the raw bytes, stored, then queued',
    description:
      'WhatsApp, Messenger and Instagram sign with X-Hub-Signature-256 (sha256=<hex HMAC of the body with the app secret>); Telegram sends the secret token set with setWebhook in X-Telegram-Bot-Api-Secret-Token. The 200 goes out once the items are committed; anything else makes the platform retry.',
    tags: ['webhooks'],
    security: [],
    params,
    headers: {
      type: 'object',
      properties: {
        'x-hub-signature-256': {
          type: 'string',
          description: 'whatsapp, messenger, instagram: sha256=<hex HMAC-SHA256 of the raw body>',
        },
        'x-telegram-bot-api-secret-token': { type: 'string', description: "telegram: the channel's secret token" },
      },
    },
    response: {
      200: objectOf({
        ok: { type: 'boolean' },
        items: { type: 'integer', description: 'the items (messages, statuses, events) read from the body' },
        stored: { type: 'integer', description: 'those new to Omni (a redelivery stores none)' },
      }),
      // 400: the body is not the platform's JSON; 401: no signature or a wrong one; 404: an unknown
      // platform or one with no enabled channel; 413: over WEBHOOK_BODY_LIMIT; 503: the store is down.
      ...errorResponses(400, 401, 404, 413, 500, 503),
    },
  },
};
