import { Writable } from 'node:stream';
import t from 'tap';
import { createLogger } from '../src/logger.js';

/** A destination that keeps what is written to it. */
function collector() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

t.test('on a terminal the logger writes readable lines through pino-pretty', async (t) => {
  const out = collector();
  const logger = createLogger('info', 'omni-test', { isTTY: true, destination: out.stream });
  logger.info({ platform: 'whatsapp' }, 'webhook stored');
  const text = out.text();
  t.match(text, /INFO/);
  t.match(text, /webhook stored/);
  t.match(text, /platform: "whatsapp"/);
  t.throws(() => JSON.parse(text.trim()), 'not JSON');
});

t.test('anywhere else it writes one JSON object a line, with secret headers redacted', async (t) => {
  const out = collector();
  const logger = createLogger('info', 'omni-test', { isTTY: false, destination: out.stream });
  logger.info({ req: { headers: { authorization: 'Bearer s3cret' } } }, 'webhook stored');
  const line = JSON.parse(out.text().trim());
  t.match(line, { level: 30, name: 'omni-test', msg: 'webhook stored' });
  t.equal(line.req.headers.authorization, '[redacted]');
});
