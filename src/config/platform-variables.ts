import type { VariableSpec } from './variables.js';

/**
 * The newest Graph API version Meta had released by December 2026: v27.0, out on November 4, 2026
 * ("Introducing Graph API v27.0", developers.facebook.com/blog, and the versions table of
 * developers.facebook.com/docs/graph-api/changelog). Each version stays callable about two years,
 * so the newest buys the longest time before the next upgrade. WhatsApp, Messenger and Instagram share it.
 */
export const DEFAULT_GRAPH_API_VERSION = 'v27.0';

/**
 * The variables each platform is configured by: its webhook secrets, its send tokens and API base
 * URLs, and its send caps. Part of the one schema in `variables.ts`, kept apart to keep both short.
 */
export const PLATFORM_VARIABLES = [
  {
    name: 'WHATSAPP_APP_SECRET',
    kind: 'string',
    secret: true,
    description: 'Meta app secret for X-Hub-Signature-256 on /webhook/whatsapp. Unset: WhatsApp disabled.',
  },
  {
    name: 'WHATSAPP_VERIFY_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Token Meta echoes in the GET subscription handshake for WhatsApp.',
  },
  {
    name: 'MESSENGER_APP_SECRET',
    kind: 'string',
    secret: true,
    description: 'Meta app secret for /webhook/messenger. Unset: Messenger disabled.',
  },
  {
    name: 'MESSENGER_VERIFY_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Handshake verify token for Messenger.',
  },
  {
    name: 'INSTAGRAM_APP_SECRET',
    kind: 'string',
    secret: true,
    description: 'Meta app secret for /webhook/instagram. Unset: Instagram disabled.',
  },
  {
    name: 'INSTAGRAM_VERIFY_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Handshake verify token for Instagram.',
  },
  {
    name: 'TELEGRAM_WEBHOOK_SECRET',
    kind: 'string',
    secret: true,
    description:
      'secret_token given to setWebhook; checked against X-Telegram-Bot-Api-Secret-Token. Unset: Telegram disabled.',
  },
  // Platform API access (downloading media, sending replies): tokens are secrets, never logged.
  {
    name: 'WHATSAPP_ACCESS_TOKEN',
    kind: 'string',
    secret: true,
    description: 'WhatsApp Cloud API access token (system user): media downloads and replies.',
  },
  {
    name: 'MESSENGER_PAGE_ACCESS_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Messenger Page access token for the Send API.',
  },
  {
    name: 'INSTAGRAM_ACCESS_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Instagram messaging access token for the Send API.',
  },
  {
    name: 'TELEGRAM_BOT_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Telegram bot token: getFile and file downloads, sendMessage.',
  },
  {
    name: 'GRAPH_API_BASE_URL',
    kind: 'url',
    default: 'https://graph.facebook.com',
    description: 'Meta Graph API base URL.',
  },
  {
    name: 'GRAPH_API_VERSION',
    kind: 'string',
    default: DEFAULT_GRAPH_API_VERSION,
    description: 'Meta Graph API version.',
  },
  {
    name: 'TELEGRAM_API_BASE_URL',
    kind: 'url',
    default: 'https://api.telegram.org',
    description: 'Telegram Bot API base URL.',
  },
  // Replies: per-account caps and the send timeout. The defaults are the platforms' documented
  // throughput: 80 messages/s per WhatsApp number by default; Instagram 100 calls/s per account;
  // Telegram about 30 messages/s per bot. Messenger's depends on the Page.
  {
    name: 'WHATSAPP_SENDS_PER_SECOND',
    kind: 'integer',
    default: 80,
    min: 1,
    description: 'Most replies sent per second per WhatsApp business number, across all workers.',
  },
  {
    name: 'MESSENGER_SENDS_PER_SECOND',
    kind: 'integer',
    default: 250,
    min: 1,
    description: 'Most replies sent per second per Facebook Page, across all workers.',
  },
  {
    name: 'INSTAGRAM_SENDS_PER_SECOND',
    kind: 'integer',
    default: 100,
    min: 1,
    description: 'Most replies sent per second per Instagram account, across all workers.',
  },
  {
    name: 'TELEGRAM_SENDS_PER_SECOND',
    kind: 'integer',
    default: 30,
    min: 1,
    description: 'Most replies sent per second per Telegram bot, across all workers.',
  },
] as const satisfies readonly VariableSpec[];
