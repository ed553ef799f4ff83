import t from 'tap';
import type { Sql } from '../../src/store/database.js';
import { applyStatusToMessage, applyStoredStatuses, listStatusTimeline } from '../../src/store/delivery-status.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { WHATSAPP_FAILED_ERROR, whatsAppStatusBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';

const T = 1749416383;

// No worker here: the webhook stores the rows, and the test calls the store functions itself to
// stage the exact interleavings two workers could produce.
t.test('delivery status in the store', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.RACE', T))).statusCode, 200);
  t.equal((await postWebhook(app, 'whatsapp', whatsAppStatusBody(
    { id: 'wamid.RACE', status: 'delivered', timestamp: T + 10 },
    { id: 'wamid.RACE', status: 'read', timestamp: T + 20 },
    { id: 'wamid.LOST', status: 'failed', timestamp: T + 30 },
  ))).statusCode, 200);
  const ids = Object.fromEntries((await sql<{ external_id: string; id: string }[]>`select external_id, id from messages`)
    .map((r) => [r.external_id, Number(r.id)]));
  const statusOf = async () => (await sql`select delivery_status from messages where id = ${ids['wamid.RACE']}`)[0].delivery_status;

  for (const [first, second] of [['read', 'delivered'], ['delivered', 'read']] as const) {
    t.test(`of ${first} and ${second} applied at once, read stands though ${first} commits first`, async (t) => {
      await sql`update messages set delivery_status = null, delivery_status_at = null where id = ${ids['wamid.RACE']}`;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let applied = false;
      const firstWorker = sql.begin(async (tx) => {
        await applyStatusToMessage(tx as unknown as Sql, ids[`wamid.RACE:status:${first}`]);
        applied = true;
        await gate;
      });
      await waitFor(`${first} applied, uncommitted`, async () => applied);
      // Its snapshot predates the first commit: only the re-check under the row lock can stop it.
      const secondWorker = applyStatusToMessage(sql, ids[`wamid.RACE:status:${second}`]);
      await waitFor(`${second} waiting on the row`, async () => {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
        return row.n === 1;
      });
      release();
      await firstWorker;
      t.equal(await secondWorker, second === 'read' ? ids['wamid.RACE'] : null, `${second} ${second === 'read' ? 'moves it on' : 'changes nothing'}`);
      t.equal(await statusOf(), 'read');
    });
  }

  t.test('a message with statuses stored takes the best of them; one without takes none', async (t) => {
    await sql`update messages set delivery_status = null where id = ${ids['wamid.RACE']}`;
    t.equal(await applyStoredStatuses(sql, ids['wamid.RACE']), 'read');
    t.equal(await applyStoredStatuses(sql, ids['wamid.RACE']), null, 'nothing left to move it on');
    t.equal(await applyStatusToMessage(sql, ids['wamid.LOST:status:failed']), null, 'a status for no stored message waits');
  });

  t.test('the timeline lists every status of one message in platform time, with its error', async (t) => {
    const timeline = await listStatusTimeline(sql, { platform: 'whatsapp', account: '106540352242922', externalId: 'wamid.RACE' });
    t.same(timeline.map((e) => [e.status, e.at.getTime() / 1000]), [['delivered', T + 10], ['read', T + 20]]);
    const [failed] = await listStatusTimeline(sql, { platform: 'whatsapp', account: '106540352242922', externalId: 'wamid.LOST' });
    t.match(failed, { status: 'failed', error: { code: WHATSAPP_FAILED_ERROR.code, title: WHATSAPP_FAILED_ERROR.title } });
  });
});
