import { OmniError } from '../../errors.js';
import type { AccountCheck, BotIdentity, PlatformApis, WebhookInfo, WebhookRegistration } from '../platform.js';
import { getRequest, postRequest } from '../send-http.js';
import type { ChannelSecrets } from '../types.js';
import { TELEGRAM_UPDATE_TYPES } from './extract.js';

interface BotApiAnswer {
  ok?: boolean;
  result?: unknown;
  description?: string;
}

/**
 * Calls a Bot API method and answers its `result`. The token is part of the URL, so reasons name
 * only the method. Telegram's refusal (`ok: false`, e.g. 401 "Unauthorized") throws
 * OMNI_ERR_PLATFORM_REFUSED quoting its `description`; no answer, OMNI_ERR_PLATFORM_UNAVAILABLE.
 */
async function callBotApi(
  secrets: ChannelSecrets,
  apis: PlatformApis,
  method: string,
  body?: Record<string, unknown>,
): Promise<unknown> {
  if (!secrets.botToken) throw new OmniError('OMNI_ERR_PLATFORM_NO_TOKEN', 'telegram: no bot token');
  const url = `${apis.telegram.baseUrl.replace(/\/$/, '')}/bot${secrets.botToken}/${method}`;
  const label = `telegram ${method}`;
  const answer = body
    ? await postRequest(url, { label, body, timeoutMs: apis.timeoutMs })
    : await getRequest(url, { label, timeoutMs: apis.timeoutMs });
  if (!answer.answered) throw new OmniError('OMNI_ERR_PLATFORM_UNAVAILABLE', answer.reason);
  const reply = (answer.body ?? {}) as BotApiAnswer;
  if (reply.ok === true) return reply.result;
  const words = typeof reply.description === 'string' ? reply.description.slice(0, 300) : `HTTP ${answer.status}`;
  const code = answer.status >= 500 ? 'OMNI_ERR_PLATFORM_UNAVAILABLE' : 'OMNI_ERR_PLATFORM_REFUSED';
  throw new OmniError(code, `${label}: ${words}`);
}

/** The bot a token belongs to (`getMe`): its id is the channel's account id. */
export async function identifyBot(secrets: ChannelSecrets, apis: PlatformApis): Promise<BotIdentity> {
  const result = (await callBotApi(secrets, apis, 'getMe')) as { id?: unknown; username?: unknown } | undefined;
  if (typeof result?.id !== 'number' && typeof result?.id !== 'string')
    throw new OmniError('OMNI_ERR_PLATFORM_UNAVAILABLE', 'telegram getMe: the answer names no bot id');
  return { botId: String(result.id), username: typeof result.username === 'string' ? result.username : '' };
}

/**
 * Points the bot's webhook at Omni (`setWebhook`) with its secret token, asking for every update
 * type Omni's extractor reads: Telegram sends some (chat_member, message_reaction) only when asked.
 */
export async function registerBotWebhook(
  secrets: ChannelSecrets,
  apis: PlatformApis,
  registration: WebhookRegistration,
): Promise<void> {
  await callBotApi(secrets, apis, 'setWebhook', {
    url: registration.url,
    secret_token: registration.secretToken,
    allowed_updates: TELEGRAM_UPDATE_TYPES,
  });
}

/** The bot's webhook as Telegram sees it (`getWebhookInfo`). */
export async function botWebhookInfo(secrets: ChannelSecrets, apis: PlatformApis): Promise<WebhookInfo> {
  const result = ((await callBotApi(secrets, apis, 'getWebhookInfo')) ?? {}) as Record<string, unknown>;
  return {
    url: typeof result.url === 'string' ? result.url : '',
    pendingUpdateCount: typeof result.pending_update_count === 'number' ? result.pending_update_count : 0,
    ...(typeof result.last_error_message === 'string' ? { lastErrorMessage: result.last_error_message } : {}),
  };
}

/**
 * `omni channel check` for a bot: the token works (`getMe`, and it is the channel's bot), and its
 * webhook is set and not failing (`getWebhookInfo`). Problems come in words, never with the token.
 */
export async function checkBot(
  secrets: ChannelSecrets,
  accountId: string | null,
  apis: PlatformApis,
): Promise<AccountCheck> {
  const problems: string[] = [];
  const details: Record<string, string> = {};
  try {
    const bot = await identifyBot(secrets, apis);
    details.botId = bot.botId;
    details.username = bot.username;
    if (accountId && bot.botId !== accountId) problems.push(`the token belongs to bot ${bot.botId}, not ${accountId}`);
    const webhook = await botWebhookInfo(secrets, apis);
    details.webhookUrl = webhook.url;
    details.pendingUpdateCount = String(webhook.pendingUpdateCount);
    if (webhook.url === '') problems.push('no webhook is set: register one (setWebhook)');
    if (webhook.lastErrorMessage) problems.push(`Telegram's last webhook delivery failed: ${webhook.lastErrorMessage}`);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  return { ok: problems.length === 0, problems, details };
}
