import t from 'tap';
import { listStatusTimeline } from '../../src/store/delivery-status.js';
import { fileItems } from '../../src/store/file-batch.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { WHATSAPP_FAILED_ERROR, whatsAppStatusBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';

const T = 1749416383;

// No worker here: the webhook stores the rows, and the test calls the filing step itself to stage
// the exact interleavings two workers could produce.
t.test('delivery status in the store', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.RACE', T))).statusCode, 200);
  t.equal(
    (
      await postWebhook(
        app,
        'whatsapp',
        whatsAppStatusBody(
          { id: 'wamid.RACE', status: 'delivered', timestamp: T + 10 },
          { id: 'wamid.RACE', status: 'read', timestamp: T + 20 },
          { id: 'wamid.LOST', status: 'failed', timestamp: T + 30 },
        ),
      )
    ).statusCode,
    200,
  );
  const ids = Object.fromEntries(
    (await sql<{ external_id: string; id: string }[]>`select external_id, id from messages`).map((r) => [
      r.external_id,
      Number(r.id),
    ]),
  );
  const statusOf = async () =>
    (await sql`select delivery_status from messages where id = ${ids['wamid.RACE']}`)[0].delivery_status;

  for (const [first, second] of [
    ['read', 'delivered'],
    ['delivered', 'read'],
  ] as const) {
    t.test(`of ${first} and ${second} applied at once, read stands though ${first} commits first`, async (t) => {
      await sql`update messages set delivery_status = null, delivery_status_at = null where id = ${ids['wamid.RACE']}`;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let applied = false;
      const firstWorker = sql.begin(async (tx) => {
        await fileItems(tx, [ids[`wamid.RACE:status:${first}`]]);
        applied = true;
        await gate;
      });
      await waitFor(`${first} applied, uncommitted`, async () => applied);
      // It starts before the first commits, so it can only wait on a lock the first holds.
      const secondWorker = fileItems(sql, [ids[`wamid.RACE:status:${second}`]]);
      await waitFor(`${second} waiting on a lock`, async () => {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
        return row.n === 1;
      });
      release();
      await firstWorker;
      await secondWorker;
      t.equal(await statusOf(), 'read', `${second} ${second === 'read' ? 'moves it on' : 'changes nothing'}`);
    });
  }

  t.test('a message with statuses stored takes the best of them; one without takes none', async (t) => {
    await sql`update messages set delivery_status = null where id = ${ids['wamid.RACE']}`;
    await fileItems(sql, [ids['wamid.RACE']]);
    t.equal(await statusOf(), 'read');
    await fileItems(sql, [ids['wamid.LOST:status:failed']]);
    const [lost] =
      await sql`select count(*)::int as n from messages where kind = 'message' and delivery_status is not null and id <> ${ids['wamid.RACE']}`;
    t.equal(lost.n, 0, 'a status for no stored message waits');
  });

  t.test('the timeline lists every status of one message in platform time, with its error', async (t) => {
    const timeline = await listStatusTimeline(sql, {
      platform: 'whatsapp',
      account: '106540352242922',
      externalId: 'wamid.RACE',
    });
    t.same(
      timeline.map((e) => [e.status, e.at.getTime() / 1000]),
      [
        ['delivered', T + 10],
        ['read', T + 20],
      ],
    );
    const [failed] = await listStatusTimeline(sql, {
      platform: 'whatsapp',
      account: '106540352242922',
      externalId: 'wamid.LOST',
    });
    t.match(failed, {
      status: 'failed',
      error: { code: WHATSAPP_FAILED_ERROR.code, title: WHATSAPP_FAILED_ERROR.title },
    });
  });
});
