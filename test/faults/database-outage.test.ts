import t, { type Test } from 'tap';
import { createSql } from '../../src/store/database.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { readLedger } from '../helpers/ledger.js';
import { createTestQueue } from '../helpers/queue.js';
import { startTcpProxy, throughProxy } from '../helpers/tcp-proxy.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

async function appBehindProxy(t: Test) {
  const { sql, url } = await createTestDatabase(t);
  const target = new URL(url);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  t.teardown(() => proxy.close());
  const proxiedSql = createSql(throughProxy(url, proxy), { max: 4 });
  t.teardown(() => proxiedSql.end({ timeout: 1 }));
  const queue = await createTestQueue(t);
  const { app, outbox } = await createTestApp(t, { sql: proxiedSql, queue });
  return { sql, proxy, app, outbox };
}

t.test('PostgreSQL unreachable during a webhook: 503, and the retry after it returns is stored once', async (t) => {
  const { sql, proxy, app, outbox } = await appBehindProxy(t);
  const body = whatsAppTextBody('wamid.OUTAGE1', 1750000000);
  await proxy.cut();
  const refused = await postWebhook(app, 'whatsapp', body);
  t.equal(refused.statusCode, 503, 'not acknowledged, so the platform retries');
  t.same(await readLedger(sql, ['wamid.OUTAGE1']), { stored: 0, doubled: 0, unqueued: 0, processed: 0, dead: 0 });
  await proxy.restore();
  t.equal((await postWebhook(app, 'whatsapp', body)).statusCode, 200);
  t.equal((await postWebhook(app, 'whatsapp', body)).statusCode, 200, 'a second retry is acknowledged too');
  await outbox.drain();
  t.match(await readLedger(sql, ['wamid.OUTAGE1']), { stored: 1, doubled: 0, unqueued: 0 });
});

t.test('connections killed mid-write leave no partial rows: each webhook is stored whole or not at all', async (t) => {
  const { sql, proxy, app, outbox } = await appBehindProxy(t);
  const ids = Array.from({ length: 60 }, (_, i) => `wamid.CUT${i}`);
  const answers = ids.map((id, i) => postWebhook(app, 'whatsapp', whatsAppTextBody(id, 1750000000 + i)));
  setTimeout(() => void proxy.cut(), 5);
  setTimeout(() => void proxy.restore(), 60);
  const codes = (await Promise.all(answers)).map((r) => r.statusCode);
  await outbox.drain();
  const acked = ids.filter((_, i) => codes[i] === 200);
  const refused = ids.filter((_, i) => codes[i] !== 200);
  t.ok(
    codes.every((c) => c === 200 || c === 503),
    'every answer is 200 or 503',
  );
  t.comment(`${acked.length} acknowledged, ${refused.length} refused during the cut`);
  t.match(
    await readLedger(sql, acked),
    { stored: acked.length, doubled: 0, unqueued: 0 },
    'every acknowledged webhook is whole',
  );
  t.match(await readLedger(sql, refused), { stored: 0 }, 'no refused webhook left a row');
  const orphans = await sql`select count(*)::int as n from webhook_logs w where status_code = 200 and item_count > 0
                            and not exists (select 1 from messages m where m.webhook_log_id = w.id)
                            and not exists (select 1 from messages m where m.subject_external_id = any(${acked}))`;
  t.equal(orphans[0].n, 0, 'no audit row claims a success without its items');
});
