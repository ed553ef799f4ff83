import { extractTotally } from '../extract-totally.js';
import type { Platform, ReplyRules } from '../platform.js';
import { botWebhookInfo, checkBot, identifyBot, registerBotWebhook } from './bot-api.js';
import { TELEGRAM_CHANNEL } from './channel-shape.js';
import { extractTelegramUpdate } from './extract.js';
import { createTelegramKeyring } from './keyring.js';
import { resolveTelegramMedia } from './media-source.js';
import { createTelegramSender } from './send.js';

const MB = 1024 * 1024;

/** 4,096 characters of text, 1,024 of caption, files a bot may upload up to 50 MB, and no reply window. */
const TELEGRAM_REPLY_RULES: ReplyRules = {
  textLimit: 4096,
  captionLimit: 1024,
  uncaptioned: [],
  templates: false,
  uploadLimit: () => 50 * MB,
  window: { kind: 'none' },
};

/**
 * The Telegram Bot API. An update names no bot: it is its bot's by the secret token that came
 * with it, so routing is by secret. The bot token sends, downloads (`getFile`) and identifies.
 */
export const telegram: Platform = {
  name: 'telegram',
  routing: 'secret',
  channel: TELEGRAM_CHANNEL,
  extract: (body) => extractTotally((value) => extractTelegramUpdate(value), body),
  createKeyring: createTelegramKeyring,
  createSender: (secrets, apis) =>
    secrets.botToken
      ? createTelegramSender({ baseUrl: apis.telegram.baseUrl, token: secrets.botToken, timeoutMs: apis.timeoutMs })
      : undefined,
  resolveMedia: resolveTelegramMedia,
  mediaLimits: {},
  mediaHosts: ['api.telegram.org'],
  replyRules: TELEGRAM_REPLY_RULES,
  check: checkBot,
  identify: identifyBot,
  registerWebhook: registerBotWebhook,
  webhookInfo: botWebhookInfo,
};
