/**
 * The events Omni POSTs to subscribed endpoints (`omni endpoint add`), as the OpenAPI 3.1 `webhooks`
 * of the document: Standard Webhooks bodies (`endpoints/endpoint-events.ts`), signed with the
 * endpoint's secret. `data` is built from the API's own presentations, so it reuses their schemas.
 */
import { ENDPOINT_EVENT_TYPES, type EndpointEventType } from '../endpoints/event-types.js';
import { nullable, objectOf } from './api/schema-shapes.js';
import { conversationMessage, listedConversation } from './api/schemas.js';

const STANDARD_WEBHOOK_HEADERS = [
  ['webhook-id', 'one per event and endpoint, the same on every retry: deduplicate by it'],
  ['webhook-timestamp', 'when this attempt was signed, in Unix seconds: refuse one too far from now'],
  [
    'webhook-signature',
    'v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>"> with the endpoint secret (whsec_…)',
  ],
].map(([name, description]) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } }));

const conversation = { ...listedConversation, type: ['object', 'null'] };
const message = { ...conversationMessage, type: ['object', 'null'] };

const DATA: Record<EndpointEventType, { summary: string; data: object }> = {
  'message.received': {
    summary: 'A message from a platform was processed (filed under its conversation)',
    data: objectOf({ conversation, message }),
  },
  'conversation.created': {
    summary: "A conversation's first message was processed: it enters the conversation list",
    data: objectOf({ conversation, message }),
  },
  'message.status': {
    summary: 'A delivery status (sent, delivered, read, played, failed) was processed',
    data: objectOf(
      {
        status: objectOf({
          id: { type: 'integer', description: "the status item's id" },
          status: { type: 'string', enum: ['sent', 'delivered', 'read', 'played', 'failed'] },
          at: { type: 'string', format: 'date-time' },
          error: nullable('object', { additionalProperties: true, description: "the platform's error, when failed" }),
        }),
        messageRef: objectOf({
          platform: { type: 'string' },
          account: nullable('string'),
          externalId: { type: 'string', description: "the platform's id of the message" },
        }),
        message: { ...message, description: 'null while Omni has not seen the message' },
        conversation: { ...conversation, description: 'null while the conversation holds no message' },
      },
      { description: 'conversation and message are null while Omni has not seen the message' },
    ),
  },
};

/** The `webhooks` section: one POST per event type, with its headers, body and the answers Omni acts on. */
export function endpointEventDocs(): Record<string, object> {
  return Object.fromEntries(
    ENDPOINT_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `event_${type.replace('.', '_')}`,
          summary: DATA[type].summary,
          tags: ['outgoing events'],
          parameters: STANDARD_WEBHOOK_HEADERS,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: objectOf({
                  type: { type: 'string', const: type },
                  timestamp: { type: 'string', format: 'date-time', description: 'when Omni processed it' },
                  data: DATA[type].data,
                }),
              },
            },
          },
          responses: {
            '2XX': { description: 'Taken: the delivery is done' },
            default: {
              description:
                'Anything else (or no answer within the timeout) is retried with backoff, honouring Retry-After; a long run of failures disables the endpoint',
            },
          },
        },
      },
    ]),
  );
}
