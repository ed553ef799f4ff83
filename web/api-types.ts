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
  /** Normalised (trimmed, lowercase), in alphabetical order. */
  labels: string[];
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
  channel: ChannelRef | null;
  otherIds: string[];
  mergedContacts: { id: number; platform: string; externalId: string; displayName: string | null }[];
  conversationIds: number[];
  conversations: PersonConversation[];
}

/** One of a person's conversations, as the contact panel lists it. */
export interface PersonConversation {
  id: number;
  platform: string;
  channel: ChannelRef | null;
  status: 'open' | 'closed';
  lastMessageAt: string | null;
}

/** Whether a free-form reply goes out now; once closed, what a reply needs instead. */
export interface ReplyWindow {
  open: boolean;
  closesAt: string | null;
  whenClosed: 'template' | 'tag' | null;
}

/** `GET /api/conversations/:id` */
export interface ConversationDetails extends ConversationSummary {
  contact: ContactDetails | null;
  replyWindow: ReplyWindow;
}

/** `GET /api/canned-responses`: a text the team shares, inserted by typing `/` and its shortcode. */
export interface CannedResponse {
  id: number;
  shortcode: string;
  text: string;
}

/** `GET /api/templates`: a synced WhatsApp template. */
export interface WhatsAppTemplate {
  id: number;
  name: string;
  language: string;
  status: string;
  components: unknown[];
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
  media?: { id?: string; filename?: string };
  reaction?: { emoji?: string | null; targetId?: string };
  location?: { latitude?: number; longitude?: number; name?: string; address?: string; url?: string };
}

/** A person's reaction on a message, as it stands. */
export interface Reaction {
  emoji: string;
  from: string | null;
  at: string;
}

/** The message another answers; `messageId` null when Omni never saw it. */
export interface QuotedMessage {
  externalId: string;
  messageId: number | null;
  direction: 'inbound' | 'outbound' | null;
  text: string | null;
  contentKind: string | null;
}

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';

/** A row of `GET /api/conversations/:id/messages`. */
export interface Message {
  id: number;
  externalId: string;
  direction: 'inbound' | 'outbound';
  type: string;
  contentKind: string | null;
  text: string | null;
  content: MessageContent | null;
  platformTimestamp: string;
  deliveryStatus: DeliveryStatus | null;
  deliveryError: { message?: string; title?: string } | null;
  attachments: Attachment[];
  reactions: Reaction[];
  /** The latest edit, whose text replaces `text`. */
  edit: { text: string | null; at: string } | null;
  deletedAt: string | null;
  replyTo: QuotedMessage | null;
}

/** A row of `GET /api/conversations/:id/notes`: agents' words, never sent to the contact. */
export interface Note {
  id: number;
  text: string;
  author: { kind: 'agent' | 'token'; id: number; name: string } | null;
  createdAt: string;
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

/** A channel's health as its row records it: the last webhook that reached it, the last platform error. */
export interface ChannelHealthRecord {
  lastWebhookAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export type AssignmentMode = 'manual' | 'round_robin';

/** Every assignment mode, in the order the channels screen offers them. */
export const ASSIGNMENT_MODES = ['manual', 'round_robin'] as const satisfies readonly AssignmentMode[];

/** `GET /api/channels` as an admin reads it: with `secrets`, a hint (`…abcd`) of each secret it holds, never the secret. */
export interface AdminChannel extends Channel {
  source: 'database' | 'environment';
  accountId: string | null;
  wabaId: string | null;
  sendsPerSecond: number | null;
  assignment: AssignmentMode;
  assignmentCap: number | null;
  health: ChannelHealthRecord;
  secrets: Record<string, string>;
  [field: string]: unknown;
}

/** A field a channel of one platform takes (`GET /api/channels/platforms`). */
export interface ChannelFieldInfo {
  name: string;
  description: string;
  required: boolean;
  secret: boolean;
}

/** `GET /api/channels/platforms`: what a channel of one platform takes. */
export interface ChannelPlatform {
  name: string;
  account: string;
  fields: ChannelFieldInfo[];
}

/** How registering a Telegram bot's webhook went (`registration` in a channel change's answer). */
export interface Registration {
  url: string;
  ok: boolean;
  problem?: string;
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
