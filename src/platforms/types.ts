import type { IncomingHttpHeaders } from 'node:http';

export const PLATFORM_NAMES = ['whatsapp', 'messenger', 'instagram', 'telegram'] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

export type ItemKind = 'message' | 'status' | 'event';

/** The normalised content kinds any UI can render without knowing the platform. */
export type ContentKind =
  | 'text'
  | 'image'
  | 'audio'
  | 'voice'
  | 'video'
  | 'document'
  | 'sticker'
  | 'location'
  | 'contacts'
  | 'interactive_reply'
  | 'reaction'
  | 'order'
  | 'referral'
  | 'share'
  | 'story_mention'
  | 'story_reply'
  | 'system'
  | 'unsupported';

export interface MediaRef {
  id?: string;
  url?: string;
  mimeType?: string;
  size?: number;
  filename?: string;
  sha256?: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
}

/** A platform-neutral view of one message's content. Only the fields the platform gives are set. */
export interface MessageContent {
  kind: ContentKind;
  text?: string | null;
  caption?: string;
  media?: MediaRef;
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  contacts?: unknown[];
  /** Button/list replies, quick replies, postbacks, callback queries. */
  reply?: { id?: string; title?: string; payload?: string };
  reaction?: { targetId: string; emoji: string | null };
  /** The platform id of the message this one answers. */
  replyTo?: string;
  forwarded?: boolean;
  referral?: Record<string, unknown>;
  order?: Record<string, unknown>;
  /** Anything else worth keeping for a renderer (poll, venue, story URL, thread id...). */
  extra?: Record<string, unknown>;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

/**
 * One unit the platform reported: a message, a delivery status or another event.
 * Every item is stored as one `messages` row, keyed by (platform, account, itemKey).
 */
export interface InboundItem {
  kind: ItemKind;
  /**
   * The platform's own id: the message id for messages, the id of the message a status names,
   * or the target of an event where there is one.
   */
  externalId: string;
  /**
   * Unique per (platform, account) and stable across redeliveries of the same webhook,
   * so a retried delivery inserts nothing new. Equal to `externalId` for messages.
   */
  itemKey: string;
  /** Platform type in the fixture corpus convention (`text`, `interactive`, `postback`, `voice`...). */
  type: string;
  /** Sender (messages, events) or recipient (statuses) as the platform names them. */
  from: string | null;
  /** The business account the item reached (phone_number_id, page/IG id); null for Telegram. */
  account: string | null;
  /** Groups items into one conversation per account: the customer's id, or the Telegram chat id. */
  conversationKey: string | null;
  /**
   * Other ids the platform gives for the same person as `from` (WhatsApp: the business-scoped
   * user id beside a phone number). Filing links them to one contact, so a later item naming the
   * person by any of them finds it.
   */
  aliases?: string[];
  /** The id `from` was known by until now (WhatsApp `user_changed_user_id`): its contact now goes by `from`. */
  replaces?: string;
  /** Whether the business or the customer wrote it (echoes of the business's own messages are outbound). */
  direction: 'inbound' | 'outbound';
  text: string | null;
  /** ISO-8601 UTC. */
  timestamp: string;
  /** Set on messages. */
  content?: MessageContent;
  /** Set on statuses. */
  status?: DeliveryStatus;
  recipient?: string;
  error?: { code?: number | string; title?: string; message?: string };
  /** The element's raw JSON, as the platform sent it. */
  raw: unknown;
}

/** A part of a payload that could not be turned into an item; the rest of the batch is kept. */
export interface ExtractError {
  path: string;
  reason: string;
  raw: unknown;
}

export interface ExtractResult {
  items: InboundItem[];
  errors: ExtractError[];
}

export type SignatureVerdict = 'valid' | 'missing' | 'invalid';

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

export type HandshakeResult = { ok: true; challenge: string } | { ok: false };

/** The secrets one channel holds; each platform reads the ones it needs. */
export interface ChannelSecrets {
  /** Meta: app secrets a webhook may be signed with: the current first, then the previous one inside its rotation window. */
  appSecrets?: readonly string[];
  verifyToken?: string;
  /** Meta Graph token (WhatsApp system user token, Page token, Instagram token). */
  accessToken?: string;
  /** Telegram. */
  botToken?: string;
  /** Telegram's `secret_token`, repeated by Telegram in a header of every webhook. */
  webhookSecret?: string;
}

/** One channel as a webhook keyring knows it: its id, the account it holds, and its secrets. */
export interface ChannelKey {
  channelId: number;
  /** phone_number_id, Page id, Instagram id or Telegram bot id; null for a catch-all channel. */
  accountId: string | null;
  /** WhatsApp's business account id: `entry[].id` of its webhooks. */
  wabaId?: string | null;
  secrets: ChannelSecrets;
}

/** Whether a webhook request is authentic, and which channels' secrets it proved. */
export interface WebhookAuthentication {
  verdict: SignatureVerdict;
  /** The channels holding the secret that verified it; empty unless the verdict is 'valid'. */
  channelIds: readonly number[];
}

/**
 * A platform's webhook authentication over many channels, built once per change of its channels
 * (not per request). The HTTP layer knows nothing else about a platform's secrets.
 */
export interface WebhookKeyring {
  /** Checks the request over the exact bytes received, before anything is parsed. */
  authenticate(request: WebhookRequest): WebhookAuthentication;
  /** Answers the platform's subscription handshake (Meta's `hub.*` GET); absent where there is none. */
  handshake?(query: Record<string, unknown>): HandshakeResult;
  /** What the build found wrong with the channels' secrets, in words naming channel ids, never a secret (logged once). */
  problems?: readonly string[];
}

/** A file uploaded to Omni (`POST /api/uploads`) for a reply: its bytes are in the media store under `storageKey`. */
export interface UploadedFile {
  id: number;
  storageKey: string;
  /** Sniffed from the bytes at upload. */
  mimeType: string;
  size: number;
  filename?: string;
}

/**
 * What a reply carries: text, media (exactly one of a URL the platform fetches and a file uploaded
 * to Omni, which the send uploads), or a WhatsApp template.
 */
export type ReplyContent =
  | { kind: 'text'; text: string }
  | {
      kind: 'media';
      mediaType: 'image' | 'document' | 'audio' | 'video';
      url?: string;
      upload?: UploadedFile;
      caption?: string;
      filename?: string;
    }
  | { kind: 'template'; name: string; language: string; components?: unknown[] };

/** An uploaded file as a send client takes it: its bytes on demand, and the platform's id once it has one. */
export interface OutboundFile {
  mimeType: string;
  filename: string;
  /** Reads the bytes from the media store. */
  read(): Promise<Blob>;
  /** The platform's media id a failed earlier attempt already got for this file (WhatsApp), to reuse. */
  uploadedId?: string;
  /** Records the platform's media id before the message call, so a retry reuses it rather than uploading again. */
  rememberUploadedId(id: string): Promise<void>;
}

/** One reply as a send client takes it, already checked against the platform's rules. */
export interface OutboundMessage {
  /** The business account it goes out from (phone_number_id, Page or IG id); null for Telegram. */
  account: string | null;
  /** The conversation's key: the customer's id, or the Telegram chat (`<chat>:<topic>` in a forum). */
  conversationKey: string;
  content: ReplyContent;
  /** The platform's id of the message this one answers. */
  replyTo?: string;
  /** Meta's message tag, set only when the standard 24-hour window has closed. */
  tag?: 'HUMAN_AGENT';
  /** Set when the content is an uploaded file: sent with the message (multipart) or uploaded first (WhatsApp). */
  file?: OutboundFile;
  /**
   * Resolves when the message call may start: the account's send slot. A sender awaits it right
   * before that call, after any upload or file read, so the call leaves in its slot and not late
   * among the next ones. When it throws, the send is called off (nothing has gone out).
   */
  waitForSlot(): Promise<void>;
}

/**
 * How a send call ended. `rejected` is final (the platform refused this message); `throttled`
 * and `unavailable` were answered without sending, so a retry cannot double it; `unknown` got no
 * answer (a timeout, a connection cut mid-request), so the message may or may not be out.
 */
export type SendOutcome =
  | { outcome: 'sent'; externalId: string }
  | { outcome: 'rejected'; code: number | string; reason: string }
  | { outcome: 'throttled'; retryAfterSeconds: number; reason: string }
  | { outcome: 'unavailable'; reason: string }
  | { outcome: 'unknown'; reason: string };

/**
 * One send client per platform, on plain HTTP. It never throws for what the platform answers and
 * never puts its token in a reason: reasons end up in the database and the logs.
 */
export interface PlatformSender {
  readonly name: PlatformName;
  send(message: OutboundMessage): Promise<SendOutcome>;
}
