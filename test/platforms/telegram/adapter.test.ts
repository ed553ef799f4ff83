import t from 'tap';
import { createTelegramAdapter } from '../../../src/platforms/telegram/adapter.js';

const secretToken = 'omni_Secret-123';
const adapter = createTelegramAdapter({ secretToken });
const rawBody = Buffer.from('{"update_id":1}');

t.test('accepts an update carrying the configured secret token', async (t) => {
  const headers = { 'x-telegram-bot-api-secret-token': secretToken };
  t.equal(adapter.verify({ headers, rawBody }), 'valid');
});

t.test('rejects an update without the secret token header', async (t) => {
  t.equal(adapter.verify({ headers: {}, rawBody }), 'missing');
  t.equal(adapter.verify({ headers: { 'x-telegram-bot-api-secret-token': '' }, rawBody }), 'missing');
});

t.test('rejects an update carrying another token', async (t) => {
  const wrong = ['omni_Secret-124', 'omni_Secret-1234', 'omni_secret-123', ''.padEnd(256, 'a')];
  for (const token of wrong) {
    t.equal(adapter.verify({ headers: { 'x-telegram-bot-api-secret-token': token }, rawBody }), 'invalid', token);
  }
});

t.test('reads the first value when the header is repeated', async (t) => {
  const headers = { 'x-telegram-bot-api-secret-token': [secretToken, 'other'] } as never;
  t.equal(adapter.verify({ headers, rawBody }), 'valid');
});

t.test('names itself telegram and has no subscription handshake', async (t) => {
  t.equal(adapter.name, 'telegram');
  t.equal(adapter.handshake, undefined);
});

t.test('refuses to start with a secret token Telegram would not accept', async (t) => {
  for (const bad of ['has space', 'a'.repeat(257), 'üñí']) {
    t.throws(() => createTelegramAdapter({ secretToken: bad }), /TELEGRAM_WEBHOOK_SECRET/, JSON.stringify(bad));
  }
  t.throws(() => createTelegramAdapter({} as never), /secretToken must be/);
});

t.test('verifies nothing as valid when built without a secret for extraction only', async (t) => {
  const parser = createTelegramAdapter({ secretToken: '' });
  t.equal(parser.verify({ headers: {}, rawBody }), 'missing');
  t.equal(parser.verify({ headers: { 'x-telegram-bot-api-secret-token': '' }, rawBody }), 'missing');
  t.equal(parser.verify({ headers: { 'x-telegram-bot-api-secret-token': 'anything' }, rawBody }), 'invalid');
  t.equal(parser.extract({ update_id: 1, message: { message_id: 1, chat: { id: 1 }, date: 0 } }).items.length, 1);
});

t.test('extracts the parsed body it is given', async (t) => {
  const { items, errors } = adapter.extract({
    update_id: 9,
    message: { message_id: 1, chat: { id: 5 }, date: 0, text: 'hi' },
  });
  t.same(errors, []);
  t.match(items, [{ kind: 'message', externalId: '5:1', text: 'hi', timestamp: '1970-01-01T00:00:00.000Z' }]);
});
