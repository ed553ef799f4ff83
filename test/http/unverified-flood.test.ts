import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

const MiB = 1024 * 1024;

/** About 1 MiB of JSON whose padding is random, so PostgreSQL's compression cannot hide what is stored. */
function randomBody(): Buffer {
  return Buffer.from(
    JSON.stringify({ object: 'whatsapp_business_account', padding: randomBytes(786_384).toString('base64') }),
  );
}

t.test(
  'a flood of 300 wrongly signed 1 MiB bodies: each answered 401 and audited, the database grows by at most 20 MiB and the log by a few lines',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const lines: { msg: string; [key: string]: unknown }[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write: (chunk, _e, done) => {
          for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          done();
        },
      }),
    );
    const { app } = await createTestApp(t, { sql, queue, logger });
    const databaseSize = async () => Number((await sql`select pg_database_size(current_database()) as bytes`)[0].bytes);

    const before = await databaseSize();
    const answers = new Map<number, number>();
    let last: Buffer = Buffer.alloc(0);
    for (let i = 0; i < 300; i++) {
      last = randomBody();
      const response = await app.inject({
        method: 'POST',
        url: '/webhook/whatsapp',
        payload: last,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      });
      answers.set(response.statusCode, (answers.get(response.statusCode) ?? 0) + 1);
    }
    const grown = (await databaseSize()) - before;

    t.same(Object.fromEntries(answers), { 401: 300 }, 'every request answered 401');
    t.ok(last.length > 1_048_000 && last.length <= MiB, `bodies of 1 MiB (${last.length} bytes)`);
    t.ok(grown <= 20 * MiB, `the database grew by ${(grown / MiB).toFixed(1)} MiB for 300 MiB sent`);
    const [{ audited }] = await sql`select count(*)::int as audited from webhook_logs where status_code = 401`;
    t.equal(audited, 300, 'every request has its audit row');

    const [row] =
      await sql`select raw_body, body_length, body_sha256, signature from webhook_logs order by id desc limit 1`;
    t.equal(row.signature, 'invalid');
    t.equal(row.body_length, last.length, 'the whole body’s length');
    t.equal(row.body_sha256, createHash('sha256').update(last).digest('hex'), 'the whole body’s sha256');
    t.ok(Buffer.from(row.raw_body).equals(last.subarray(0, 4096)), 'its first 4 KiB');

    const rejected = lines.filter((l) => l.msg === 'webhook rejected');
    t.equal(rejected.length, 10, 'ten rejections logged one by one, all from one IP');
    t.match(rejected[0], { ip: '127.0.0.1', code: 'OMNI_ERR_WEBHOOK_SIGNATURE_INVALID' });
    await app.close();
    const summaries = lines.filter((l) => l.msg === 'webhook rejections not logged one by one');
    t.match(summaries, [{ rejected: 300, notLogged: 290, ips: 1, top: [{ ip: '127.0.0.1', rejected: 300 }] }]);
  },
);
