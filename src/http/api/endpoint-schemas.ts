/** JSON schemas of the endpoint routes: an endpoint as answered (never its secret), a delivery attempt, the body that adds one. */
import { ALL_EVENT_TYPES, ENDPOINT_EVENT_TYPES } from '../../endpoints/event-types.js';
import { dateTime, nullable, nullableDateTime, objectOf } from './schema-shapes.js';

export const endpointSchema = objectOf({
  id: { type: 'integer' },
  url: { type: 'string' },
  eventTypes: {
    type: 'array',
    items: { type: 'string' },
    description: `the events it receives; ${ALL_EVENT_TYPES}: all`,
  },
  enabled: { type: 'boolean', description: 'false: it gets no deliveries until re-enabled' },
  consecutiveFailures: { type: 'integer', description: 'failed attempts since its last success' },
  disabledAt: nullableDateTime,
  disabledReason: nullable('string', { description: 'why it was disabled: a run of failures, or by whom' }),
  createdAt: dateTime,
});

/** One attempt of the delivery log: what was sent, and what the endpoint answered. */
export const deliverySchema = objectOf({
  id: { type: 'integer' },
  endpointId: { type: 'integer' },
  queueLogId: { type: 'integer' },
  webhookId: { type: 'string', description: 'the webhook-id header, shared by the attempts of one event' },
  eventType: { type: 'string' },
  attempt: { type: 'integer' },
  statusCode: nullable('integer', { description: 'the endpoint’s HTTP status; null: it did not answer' }),
  error: nullable('string', { description: 'why the attempt failed; null: delivered' }),
  durationMs: { type: 'integer' },
  attemptedAt: dateTime,
});

export const addEndpointBody = {
  type: 'object',
  required: ['url', 'events'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2000, description: 'http(s), where signed events are POSTed' },
    events: {
      type: 'array',
      items: { type: 'string', enum: [...ENDPOINT_EVENT_TYPES, ALL_EVENT_TYPES] },
      minItems: 1,
      maxItems: ENDPOINT_EVENT_TYPES.length + 1,
      uniqueItems: true,
      description: `the events it receives; ${ALL_EVENT_TYPES}: every one, including those added later`,
    },
  },
} as const;

export const deliveriesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
} as const;
