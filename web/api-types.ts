// The parts of the API's answers the screens read (the full shapes are in the OpenAPI document at
// /docs). Declared here rather than imported from src/ or the generated client: the browser bundle
// stands alone, and a field the server drops shows up as an undefined read in one place.

export type Role = 'agent' | 'admin';

/** Every role, in the order the users screen offers them. */
export const ROLES = ['agent', 'admin'] as const satisfies readonly Role[];

export interface ChannelRef {
  id: number;
  name: string;
  platform: string;
  removed: boolean;
}

/** `GET /api/channels`: a channel the caller sees. */
export interface Channel {
  id: number;
  name: string;
  platform: string;
  enabled: boolean;
}

/** `GET /api/me` */
export interface Me {
  agent: { id: number; email: string; name: string; role: Role } | null;
  role: Role;
}

/** A row of `GET /api/conversations`. */
export interface ConversationSummary {
  id: number;
  platform: string;
  channel: ChannelRef | null;
  conversationKey: string;
  contactName: string | null;
  contactUsername: string | null;
  contactAvatarUrl: string | null;
  lastMessageAt: string;
  unread: boolean;
  status: 'open' | 'closed';
  assignee: { id: number; name: string } | null;
  lastMessage: { id: number; direction: string; type: string; text: string | null } | null;
}

export interface ContactDetails {
  id: number;
  platform: string;
  account: string | null;
  externalId: string;
  displayName: string | null;
  username: string | null;
  avatarUrl: string | null;
  createdAt: string;
  mergedContacts: { id: number; platform: string; displayName: string | null }[];
  conversationIds: number[];
}

/** `GET /api/conversations/:id` */
export interface ConversationDetails extends ConversationSummary {
  contact: ContactDetails | null;
}

export interface Attachment {
  id: number;
  state: 'pending' | 'stored' | 'failed' | 'erased';
  contentKind: string;
  mimeType: string | null;
  filename: string | null;
  size: number | null;
  reason: string | null;
}

/** A message's `content`: only what the thread shows of it. */
export interface MessageContent {
  kind?: string;
  caption?: string;
  media?: { id?: string };
  reaction?: { emoji?: string };
}

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';

/** A row of `GET /api/conversations/:id/messages`. */
export interface Message {
  id: number;
  direction: 'inbound' | 'outbound';
  type: string;
  contentKind: string | null;
  text: string | null;
  content: MessageContent | null;
  platformTimestamp: string;
  deliveryStatus: DeliveryStatus | null;
  deliveryError: { message?: string; title?: string } | null;
  attachments: Attachment[];
}

/** `GET /api/users`: a user and the channels it works in. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  channels: { id: number; name: string; platform: string }[];
}

/** `GET /api/tokens`: an active API token (never the token itself). */
export interface ApiToken {
  id: number;
  name: string;
  role: Role;
  channels: { id: number; name: string; platform: string }[];
  createdAt: string;
}

/** The events an endpoint can subscribe to; `*` is every one, including those added later. */
export const ENDPOINT_EVENT_TYPES = ['message.received', 'message.status', 'conversation.created', '*'] as const;

/** `GET /api/endpoints`: a subscribed endpoint (never its secret). */
export interface Endpoint {
  id: number;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

/** A row of `GET /api/endpoints/:id/deliveries`: one attempt and what the endpoint answered. */
export interface Delivery {
  id: number;
  webhookId: string;
  eventType: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  attemptedAt: string;
}
