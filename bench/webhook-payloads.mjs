// Realistic signed webhooks for the load generator: the same sample bodies as `omni simulate`
// (src/cli/samples.ts), each with fresh ids, one of SENDERS senders per platform, and a text that
// carries a unique token and the send time, so the bench can find every acknowledged message in
// the database and the worker can time each one end to end.
import { sampleWebhookBody } from '../dist/cli/samples.js';
import { signedHeaders } from '../dist/cli/sign-request.js';

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

/**
 * A generator of signed webhook requests for one load-generator process; `prefix` keeps tokens
 * (and Telegram's counted ids) distinct between processes and phases.
 */
export function createWebhookFactory(prefix, seqBase) {
  let seq = 0;
  return function nextWebhook() {
    seq += 1;
    const platform = PLATFORMS[seq % PLATFORMS.length];
    const sentAt = Date.now();
    const text = benchText(`${prefix}-${seq}`, sentAt);
    const sender = Math.floor(seq / PLATFORMS.length) % SENDERS;
    const body = withSender(platform, sampleWebhookBody(platform, text), sender, seqBase + seq);
    const rawBody = Buffer.from(JSON.stringify(body));
    return { platform, text, rawBody, headers: signedHeaders(platform, BENCH_SECRETS, rawBody) };
  };
}
