import { Writable } from 'node:stream';
import { pino } from 'pino';
import t from 'tap';
import { waitUntilDrained } from '../helpers/queue.js';
import { SEND_TOKENS, startReplyStack } from '../helpers/replies.js';
import { messengerTextBody, telegramTextBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const WHATSAPP_SEND = /\/messages$/;
const TELEGRAM_SEND = /\/sendMessage$/;

/** Every log line the workers write, to look for tokens in. */
const logLines: string[] = [];
const capturingLogger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);

t.test('replies that meet throttles, refusals and silence', async (t) => {
  const stack = await startReplyStack(t, { env: { SEND_TIMEOUT_MS: '1000' }, logger: capturingLogger });
  const { fake, sql } = stack;
  await stack.deliver('whatsapp', whatsAppTextBody('wamid.FAIL-IN-1', nowSeconds(), 'Where is my order?'), [
    'wamid.FAIL-IN-1',
  ]);
  await stack.deliver('telegram', telegramTextBody(77, nowSeconds(), 'Hallo?'), ['927266710:77']);
  await stack.deliver('messenger', messengerTextBody('m_FAIL-IN-3', Date.now(), 'Anyone there?'), ['m_FAIL-IN-3']);
  const whatsapp = (await stack.inbound('wamid.FAIL-IN-1')).conversationId;
  const telegram = (await stack.inbound('927266710:77')).conversationId;
  const messenger = (await stack.inbound('m_FAIL-IN-3')).conversationId;
  /** The requests the fake saw for one reply's text. */
  const sendsOf = (text: string) => fake.requests.filter((r) => JSON.stringify(r.body).includes(text));

  t.test('a WhatsApp 429 (130429) is retried after the Retry-After it gave, then sent', async (t) => {
    fake.answerNext(WHATSAPP_SEND, {
      status: 429,
      headers: { 'retry-after': '2' },
      body: {
        error: {
          message: '(#130429) Rate limit hit',
          type: 'OAuthException',
          code: 130429,
          error_data: { messaging_product: 'whatsapp', details: 'Cloud API message throughput has been reached.' },
          fbtrace_id: 'AazT3kQ8',
        },
      },
    });
    const response = await stack.reply(whatsapp, { text: 'Throttled once' });
    const sent = await stack.settled(response.json().message.id);
    const [first, second] = sendsOf('Throttled once');
    t.equal(sent.delivery_status, 'sent');
    t.equal(sendsOf('Throttled once').length, 2, 'sent again once');
    t.ok(second!.at - first!.at >= 1900, `not before the delay asked (${second!.at - first!.at} ms)`);
    t.equal(sent.external_id, second!.answer.messages[0].id);
  });

  t.test('a Telegram 429 is retried after its parameters.retry_after', async (t) => {
    fake.answerNext(TELEGRAM_SEND, {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 2',
        parameters: { retry_after: 2 },
      },
    });
    const response = await stack.reply(telegram, { text: 'Telegram throttled once' });
    const sent = await stack.settled(response.json().message.id);
    const [first, second] = sendsOf('Telegram throttled once');
    t.equal(sent.delivery_status, 'sent');
    t.ok(second!.at - first!.at >= 1900, `not before retry_after (${second!.at - first!.at} ms)`);
  });

  t.test(
    "a permanent WhatsApp error (131030) fails the reply with the platform's reason, and it is never retried",
    async (t) => {
      fake.answerNext(WHATSAPP_SEND, {
        status: 400,
        body: {
          error: {
            message: '(#131030) Recipient phone number not in allowed list',
            type: 'OAuthException',
            code: 131030,
            error_data: {
              messaging_product: 'whatsapp',
              details:
                'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
            },
            fbtrace_id: 'A4uS9yVb',
          },
        },
      });
      const response = await stack.reply(whatsapp, { text: 'Refused for good' });
      const failed = await stack.settled(response.json().message.id);
      t.equal(failed.delivery_status, 'failed');
      t.match(failed.delivery_error, { code: 131030, message: /Recipient phone number not in allowed list/ });
      t.equal(failed.job_status, 'processed');
      t.match(failed.job_error, /131030/);
      t.equal(failed.job_attempts, 1);
      await waitUntilDrained(stack.queue);
      t.equal(sendsOf('Refused for good').length, 1, 'one call, no retry');
    },
  );

  t.test('Messenger 551 and Telegram 403 fail at once too', async (t) => {
    fake.answerNext(/\/me\/messages$/, {
      status: 400,
      body: {
        error: {
          message: "(#551) This person isn't available right now.",
          type: 'OAuthException',
          code: 551,
          error_subcode: 1545041,
          fbtrace_id: 'Bx1',
        },
      },
    });
    fake.answerNext(TELEGRAM_SEND, {
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    const [toMessenger, toTelegram] = await Promise.all([
      stack.reply(messenger, { text: 'Gone away' }),
      stack.reply(telegram, { text: 'Blocked' }),
    ]);
    const a = await stack.settled(toMessenger.json().message.id);
    const b = await stack.settled(toTelegram.json().message.id);
    t.match(a.delivery_error, { code: 551, message: /isn't available/ });
    t.match(b.delivery_error, { code: 403, message: /bot was blocked by the user/ });
    t.same([a.job_attempts, b.job_attempts], [1, 1]);
    const health = await sql<{ last_error: string; last_error_at: Date }[]>`
      select ch.last_error, ch.last_error_at from channels ch join conversations c on c.channel_id = ch.id
      where c.id = ${telegram}`;
    t.match(
      health,
      [{ last_error: /^403: telegram sendMessage: Forbidden: bot was blocked/, last_error_at: Date }],
      "the channel's last error",
    );
  });

  t.test('a send that gets no answer is failed as outcome unknown and not sent a second time', async (t) => {
    fake.answerNext(WHATSAPP_SEND, { hang: true });
    const response = await stack.reply(whatsapp, { text: 'Into the void' });
    const failed = await stack.settled(response.json().message.id);
    t.equal(failed.delivery_status, 'failed');
    t.match(failed.delivery_error, {
      code: 'OMNI_ERR_REPLY_OUTCOME_UNKNOWN',
      message: /no answer in 1000 ms; not sent again/,
    });
    t.equal(failed.send_attempts, 1);
    await waitUntilDrained(stack.queue);
    t.equal(sendsOf('Into the void').length, 1);
  });

  t.test('a 5xx is retried with backoff, since an answered request was not accepted', async (t) => {
    fake.answerNext(TELEGRAM_SEND, { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } });
    const response = await stack.reply(telegram, { text: 'After a 502' });
    const sent = await stack.settled(response.json().message.id);
    t.equal(sent.delivery_status, 'sent');
    t.equal(sent.job_attempts, 2);
  });

  t.test('no token ever reaches a log line or a stored reason', async (t) => {
    t.ok(
      logLines.some((line) => line.includes('telegram sendMessage')),
      'the failures were logged',
    );
    const [stored] = await stack.sql<{ text: string }[]>`
      select string_agg(coalesce(delivery_error::text, '') || coalesce(q.last_error, ''), ' ') as text
      from messages m join queue_logs q on q.message_id = m.id where m.direction = 'outbound'`;
    for (const token of Object.values(SEND_TOKENS)) {
      t.notOk(
        logLines.some((line) => line.includes(token)),
        `not logged: ${token.slice(0, 8)}…`,
      );
      t.notOk(stored!.text.includes(token), `not stored: ${token.slice(0, 8)}…`);
    }
  });
});

t.test('a reply on a platform with no send token fails naming the variable to set', async (t) => {
  const stack = await startReplyStack(t, { env: { TELEGRAM_BOT_TOKEN: '' } });
  await stack.deliver('telegram', telegramTextBody(90, nowSeconds(), 'Hi'), ['927266710:90']);
  const response = await stack.reply((await stack.inbound('927266710:90')).conversationId, {
    text: 'Nobody can send this',
  });
  const failed = await stack.settled(response.json().message.id);
  t.match(failed.delivery_error, {
    code: 'OMNI_ERR_REPLY_PLATFORM_NOT_CONFIGURED',
    message: 'channel default (telegram) has no token: set TELEGRAM_BOT_TOKEN',
  });
  t.equal(stack.fake.requests.length, 0);
});
