// Realistic signed webhooks for the load generator: the same sample bodies as `omni simulate`
// (src/cli/samples.ts), each with fresh ids, one of SENDERS senders per platform, and a text that
// carries a unique token and the send time, so the bench can find every acknowledged message in
// the database and the worker can time each one end to end.
import { sampleWebhookBody } from '../dist/cli/samples.js';
import { signedHeaders } from '../dist/cli/sign-request.js';
import { addressTo, signFor } from './bench-channels.mjs';

export const PLATFORMS = ['whatsapp', 'messenger', 'instagram', 'telegram'];
const SENDERS = 1000;

/** The secrets the bench configures the server (and the baseline) with. */
export const BENCH_SECRETS = {
  whatsapp: { appSecret: 'bench-whatsapp-secret', verifyToken: 'bench-verify' },
  messenger: { appSecret: 'bench-messenger-secret', verifyToken: 'bench-verify' },
  instagram: { appSecret: 'bench-instagram-secret', verifyToken: 'bench-verify' },
  telegram: { secretToken: 'bench-telegram-secret' },
};

/** The same secrets as the server's environment. */
export function benchSecretsEnv() {
  return {
    WHATSAPP_APP_SECRET: BENCH_SECRETS.whatsapp.appSecret,
    WHATSAPP_VERIFY_TOKEN: 'bench-verify',
    MESSENGER_APP_SECRET: BENCH_SECRETS.messenger.appSecret,
    MESSENGER_VERIFY_TOKEN: 'bench-verify',
    INSTAGRAM_APP_SECRET: BENCH_SECRETS.instagram.appSecret,
    INSTAGRAM_VERIFY_TOKEN: 'bench-verify',
    TELEGRAM_WEBHOOK_SECRET: BENCH_SECRETS.telegram.secretToken,
  };
}

/** The message text: `bench <token> t=<send time, ms since epoch>`. */
export function benchText(token, sentAtMs) {
  return `bench ${token} t=${sentAtMs}`;
}

/** The send time a bench text carries, or undefined for any other text. */
export function sentAtOf(text) {
  const match = /^bench \S+ t=(\d+)$/.exec(text ?? '');
  return match ? Number(match[1]) : undefined;
}

function withSender(platform, body, n, seq) {
  const sender = String(n);
  switch (platform) {
    case 'whatsapp': {
      const value = body.entry[0].changes[0].value;
      value.contacts[0].wa_id = `1650555${sender.padStart(4, '0')}`;
      value.messages[0].from = value.contacts[0].wa_id;
      break;
    }
    case 'messenger':
    case 'instagram':
      body.entry[0].messaging[0].sender.id = `9${sender.padStart(15, '0')}`;
      break;
    case 'telegram':
      // Random ids would collide within a long run and be taken as redeliveries: count instead.
      body.update_id = seq;
      body.message.message_id = seq;
      body.message.from.id = 900_000_000 + n;
      body.message.chat.id = 900_000_000 + n;
      break;
  }
  return body;
}

/** The size of Meta's largest webhook, as Meta documents it (3 MB). */
const LARGE_BODY_BYTES = 3_000_000;
// A text of 4,096 characters (WhatsApp's longest) in Cyrillic, as Meta writes it: `\uXXXX` escapes, ~20 KB.
const LONG_TEXT = JSON.stringify('Здравствуйте, есть ли другой цвет? '.repeat(120).slice(0, 4096)).replace(
  /[\u007f-\uffff]/g,
  (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
);
const LONG_TEXT_SLOT = '"@long-text@"';

/**
 * A WhatsApp batch of about LARGE_BODY_BYTES from one sender: the bench text first (the message
 * the bench looks up), then long texts with fresh ids. Built from a small body with a slot per long
 * text, so a large body costs the load generator little more than its copy.
 */
function largeWhatsAppBody(body) {
  const messages = body.entry[0].changes[0].value.messages;
  const [first] = messages;
  const count = Math.floor(LARGE_BODY_BYTES / (LONG_TEXT.length + 120));
  for (let i = 1; i < count; i++) messages.push({ ...first, id: `${first.id}.${i}`, text: { body: '@long-text@' } });
  return JSON.stringify(body).replaceAll(LONG_TEXT_SLOT, LONG_TEXT);
}

/**
 * A generator of signed webhook requests for one load-generator process; `prefix` keeps tokens
 * (and Telegram's counted ids) distinct between processes and phases. With `largeEvery`, every
 * such request is a WhatsApp batch of about LARGE_BODY_BYTES (marked `large`). With `channels`
 * (bench-channels.mjs specs), each request goes to the next channel in turn, addressed to its
 * account and signed with its secret, rather than to the environment's channels.
 */
export function createWebhookFactory(prefix, seqBase, largeEvery = 0, channels = undefined) {
  let seq = 0;
  return function nextWebhook() {
    seq += 1;
    const large = largeEvery > 0 && seq % largeEvery === 0;
    const channel = channels?.[seq % channels.length];
    const platform = large ? 'whatsapp' : (channel?.platform ?? PLATFORMS[seq % PLATFORMS.length]);
    const sentAt = Date.now();
    const text = benchText(`${prefix}-${seq}`, sentAt);
    const sender = Math.floor(seq / PLATFORMS.length) % SENDERS;
    const body = withSender(platform, sampleWebhookBody(platform, text), sender, seqBase + seq);
    if (channel) addressTo(channel, body);
    const rawBody = Buffer.from(large ? largeWhatsAppBody(body) : JSON.stringify(body));
    const headers = channel ? signFor(channel, rawBody) : signedHeaders(platform, BENCH_SECRETS, rawBody);
    return { platform, text, large, rawBody, headers };
  };
}
