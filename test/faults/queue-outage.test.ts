import t from 'tap';
import { createOutbox } from '../../src/queue/outbox.js';
import { relayPendingOnce } from '../../src/queue/relay.js';
import { createSqsClient } from '../../src/queue/sqs-client.js';
import { createTestApp, postWebhook, silentLogger } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { readLedger } from '../helpers/ledger.js';
import { createTestQueue } from '../helpers/queue.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

t.test(
  'SQS unreachable: webhooks are still acknowledged after commit, and the relay drains them when SQS returns',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const endpoint = new URL(queue.endpoint);
    const proxy = await startTcpProxy(endpoint.hostname, Number(endpoint.port));
    t.teardown(() => proxy.close());
    const proxiedSqs = createSqsClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${proxy.port}` });
    t.teardown(() => proxiedSqs.destroy());
    const { app, outbox } = await createTestApp(t, { sql, queue, sqs: proxiedSqs });

    await proxy.cut();
    const ids = Array.from({ length: 25 }, (_, i) => `wamid.SQSDOWN${i}`);
    const answers = await Promise.all(
      ids.map((id, i) => postWebhook(app, 'whatsapp', whatsAppTextBody(id, 1750000100 + i))),
    );
    t.ok(
      answers.every((a) => a.statusCode === 200),
      'all acknowledged: the rows are durable',
    );
    await outbox.drain();
    const pending = await sql`select count(*)::int as n from queue_logs where status = 'pending'`;
    t.equal(pending[0].n, ids.length, 'every row waits in the outbox');

    await proxy.restore();
    const relayOutbox = createOutbox({ sql, sqs: proxiedSqs, queueUrl: queue.queueUrl, logger: silentLogger });
    t.equal(await relayPendingOnce(sql, relayOutbox, 0), ids.length, 'the relay hands every row over');
    startTestWorker(t, sql, queue);
    await waitUntilProcessed(sql, ids);
    t.same(await readLedger(sql, ids), { stored: ids.length, doubled: 0, unqueued: 0, processed: ids.length, dead: 0 });
  },
);
