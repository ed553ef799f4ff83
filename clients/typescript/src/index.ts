export {
  createOmniClient,
  type OmniClient,
  type OmniClientOptions,
  type OmniErrorBody,
  type OmniUpload,
  type OmniUploadResult,
  type UploadOptions,
} from './client.js';
export {
  followEvents,
  OMNI_ITEM_EVENT_NAMES,
  OMNI_STREAM_EVENT_NAMES,
  OmniEventStreamError,
  type EventStreamConnection,
  type FollowEventsOptions,
  type OmniConversationUpdatedEvent,
  type OmniItemEvent,
  type OmniItemEventName,
  type OmniStreamEvent,
} from './event-stream.js';
export {
  createServerSentEventParser,
  type ServerSentEvent,
  type ServerSentEventHandlers,
  type ServerSentEventParser,
} from './server-sent-events.js';
export {
  OmniWebhookVerificationError,
  verifyOmniWebhook,
  type OmniWebhookEvent,
  type VerifyWebhookOptions,
  type WebhookHeaders,
} from './verify-webhook.js';
export type { components, operations, paths, webhooks } from './schema.js';
