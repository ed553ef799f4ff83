import type { ErrorCode } from '../errors.js';
import type { OutboundPolicy } from '../net/outbound-policy.js';
import type { ChannelShape } from './channel-shape.js';
import type {
  ChannelKey,
  ChannelSecrets,
  ExtractResult,
  MediaRef,
  PlatformName,
  PlatformSender,
  WebhookKeyring,
} from './types.js';

/** The platforms' API origins and the send timeout (GRAPH_API_*, TELEGRAM_API_BASE_URL, SEND_TIMEOUT_MS). */
export interface PlatformApis {
  graph: { baseUrl: string; version: string };
  telegram: { baseUrl: string };
  timeoutMs: number;
}

/** What a media resolver needs besides the channel's secrets: the API origins, and the policy its requests go under. */
export interface MediaSettings {
  apis: PlatformApis;
  policy: OutboundPolicy;
}

/** Where an attachment's bytes are, once the platform's reference is resolved. */
export interface MediaDownload {
  url: string;
  /** Sent to the first host only (a bearer token), never along a redirect. */
  firstHopHeaders?: Record<string, string>;
  /** The type and size the platform declared, if it did. */
  mimeType?: string;
  size?: number;
}

/**
 * How long after the customer's last message a free-form reply may go out, and what may go after:
 * nothing stops it (Telegram); only a template (WhatsApp); a reply tagged HUMAN_AGENT up to
 * `taggedHours` (Messenger, Instagram).
 */
export type ReplyWindow =
  | { kind: 'none' }
  | { kind: 'templates-after'; hours: number }
  | { kind: 'tag-after'; hours: number; tag: 'HUMAN_AGENT'; taggedHours: number };

/** A stored message template as the platform described it: its review status and its `components`. */
export interface TemplateDefinition {
  name: string;
  language: string;
  status: string;
  components: readonly unknown[];
}

/** What is wrong with a template reply, as the error the API answers with. */
export interface TemplateProblem {
  code: ErrorCode;
  message: string;
}

/** The platform's facts a reply is checked against (`replies/reply-rules.ts` does the checking). */
export interface ReplyRules {
  /** The longest text in one message, in characters. */
  textLimit: number;
  /** The longest media caption; absent: the platform takes no caption on media. */
  captionLimit?: number;
  /** Media types that take no caption even where others do. */
  uncaptioned: readonly string[];
  /**
   * Whether it has message templates (false: none), and how a template reply is checked against the
   * stored template it names before it is accepted (`replies/template-reply.ts` finds the template).
   */
  templates:
    | false
    | { check(template: TemplateDefinition, components: readonly unknown[] | undefined): TemplateProblem | undefined };
  /** The largest file a reply may upload, by media type; a string refuses uploads, saying why. */
  uploadLimit: ((mediaType: string) => number | undefined) | { refused: string };
  window: ReplyWindow;
}

/** A customer's profile as the platform gives it; fields it leaves out are absent. */
export interface Profile {
  name?: string;
  username?: string;
  avatarUrl?: string;
}

/** What the platform said about a channel's token, for `omni channel check`: problems in words, facts it gave. */
export interface AccountCheck {
  ok: boolean;
  problems: string[];
  details: Record<string, string>;
}

/** A message template of a business account as the platform lists it (WhatsApp: Graph's fields, as sent). */
export interface PlatformTemplate {
  /** The platform's template id (what status webhooks name). */
  metaId: string;
  name: string;
  language: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED… as the platform spells it. */
  status: string;
  category: string | null;
  components: unknown[];
}

/** A Telegram bot as `getMe` names it. */
export interface BotIdentity {
  botId: string;
  username: string;
}

/** `setWebhook`'s settings; the update types are always every one Omni's extractor understands. */
export interface WebhookRegistration {
  url: string;
  secretToken: string;
}

/** A bot's webhook as Telegram reports it: where it points, what waits, and its last delivery error. */
export interface WebhookInfo {
  url: string;
  pendingUpdateCount: number;
  lastErrorMessage?: string;
}

/**
 * Everything Omni knows about one platform, behind one object (`platforms/<name>/platform.ts`,
 * reached through `platforms/registry.ts`). Other rooms ask it; they keep none of its facts.
 * Secrets come per call (a channel's `ChannelSecrets`), so one object serves every channel.
 */
export interface Platform {
  readonly name: PlatformName;
  /**
   * How a webhook item finds its channel: by the account it names (Meta: phone_number_id, Page id,
   * Instagram id), or by the secret that authenticated the request (Telegram: one bot per secret).
   */
  readonly routing: 'account' | 'secret';
  /** What its channel holds: the account, the secrets, their fields and flags, its environment variables. */
  readonly channel: ChannelShape;
  /** Splits a parsed body into items. Total: never throws; a bad element becomes an ExtractError. */
  extract(body: unknown): ExtractResult;
  /** The webhook authentication over these channels; a keyring over none authenticates nothing. */
  createKeyring(keys: readonly ChannelKey[]): WebhookKeyring;
  /** A send client with the channel's token; undefined when the channel has none. */
  createSender(secrets: ChannelSecrets, apis: PlatformApis): PlatformSender | undefined;
  /** Where an attachment's bytes are; throws OmniError (`OMNI_ERR_MEDIA_*`) or `MediaThrottled`. */
  resolveMedia(secrets: ChannelSecrets, settings: MediaSettings, ref: MediaRef): Promise<MediaDownload>;
  /** The platform's own largest attachment by content kind, where it documents one. */
  readonly mediaLimits: Readonly<Partial<Record<string, number>>>;
  /** The hosts its media downloads come from (the media outbound policy allows them). */
  readonly mediaHosts: readonly string[];
  readonly replyRules: ReplyRules;
  /** A customer's name and avatar, where the webhooks do not carry them (Messenger, Instagram). */
  fetchProfile?(secrets: ChannelSecrets, apis: PlatformApis, userId: string): Promise<Profile>;
  /** Asks the platform whether the channel's token works for its account. Never throws for what the platform answers. */
  check(secrets: ChannelSecrets, accountId: string | null, apis: PlatformApis): Promise<AccountCheck>;
  /**
   * WhatsApp: every message template of a business account (WABA), all pages. A refusal throws
   * OMNI_ERR_PLATFORM_REFUSED quoting Graph; no usable answer throws OMNI_ERR_PLATFORM_UNAVAILABLE.
   */
  listTemplates?(secrets: ChannelSecrets, apis: PlatformApis, businessAccountId: string): Promise<PlatformTemplate[]>;
  /** Telegram: the bot a token belongs to (`getMe`); a refused token throws OMNI_ERR_PLATFORM_REFUSED quoting Telegram. */
  identify?(secrets: ChannelSecrets, apis: PlatformApis): Promise<BotIdentity>;
  /** Telegram: points the bot's webhook at Omni (`setWebhook`) with its secret token. */
  registerWebhook?(secrets: ChannelSecrets, apis: PlatformApis, registration: WebhookRegistration): Promise<void>;
  /** Telegram: the bot's webhook as Telegram sees it (`getWebhookInfo`). */
  webhookInfo?(secrets: ChannelSecrets, apis: PlatformApis): Promise<WebhookInfo>;
}
