import postgres from 'postgres';
import t from 'tap';
import { platformFor } from '../../src/platforms/registry.js';
import { createQueuedMarks } from '../../src/queue/queued-marks.js';
import type { Sql } from '../../src/store/database.js';
import { insertWebhookBatch, type QueueUnit } from '../../src/store/ingest.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';

/** `count` pending queue rows, one webhook each, as concurrent requests leave them before their sends. */
async function pendingRows(sql: Sql, count: number): Promise<QueueUnit[]> {
  const [item] = platformFor('whatsapp').extract(loadFixture('whatsapp', 'whatsapp-text-basic').body).items;
  const results = await insertWebhookBatch(
    sql,
    Array.from({ length: count }, (_, i) => ({
      platform: 'whatsapp' as const,
      log: {
        platform: 'whatsapp',
        method: 'POST',
        headers: {},
        rawBody: Buffer.from('{}'),
        signature: 'valid' as const,
        statusCode: 200,
        errorCode: null,
        error: null,
        itemCount: 1,
      },
      items: [{ ...item, externalId: `wamid.marks-${i}`, itemKey: `wamid.marks-${i}`, channelId: null }],
    })),
  );
  return results.flatMap((r) => r.queued);
}

t.test('marks that arrive while an update runs go together in the next one', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const units = await pendingRows(sql, 5);
  let updates = 0;
  const counted = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query) => {
      if (query.includes('update queue_logs')) updates += 1;
    },
  });
  t.teardown(() => counted.end({ timeout: 5 }));
  const marks = createQueuedMarks(counted);

  await Promise.all(units.map((u) => marks.mark([{ queueLogId: u.queueLogId, sqsMessageId: `sqs-${u.queueLogId}` }])));

  t.equal(updates, 2, 'the first send is marked at once, the four that answered meanwhile in one statement');
  const rows = await sql<{ id: string; status: string; sqs_message_id: string }[]>`
    select id, status, sqs_message_id from queue_logs order by id`;
  t.same(
    rows.map((r) => [r.status, r.sqs_message_id]),
    units.map((u) => ['queued', `sqs-${u.queueLogId}`]),
    'every row is queued with its own SQS message id',
  );
});

t.test('a failed update rejects every mark it carried and leaves their rows pending for the relay', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const units = await pendingRows(sql, 2);
  const closed = postgres(url, { max: 1, onnotice: () => {} });
  await closed.end();
  const marks = createQueuedMarks(closed);

  const outcomes = await Promise.allSettled(units.map((u) => marks.mark([{ queueLogId: u.queueLogId }])));

  t.same(
    outcomes.map((o) => o.status),
    ['rejected', 'rejected'],
  );
  const [{ pending }] = await sql<{ pending: number }[]>`
    select count(*)::int as pending from queue_logs where status = 'pending'`;
  t.equal(pending, 2);
});
