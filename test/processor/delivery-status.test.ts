import t from 'tap';
import type { PlatformName } from '../../src/platforms/types.js';
import { listStatusTimeline } from '../../src/store/delivery-status.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  WHATSAPP_FAILED_ERROR,
  whatsAppStatusBody,
  whatsAppTextBody,
  type WhatsAppStatusSpec,
} from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;
const ACCOUNT = '106540352242922';
const at = (seconds: number) => new Date(seconds * 1000);
const statusKey = (s: WhatsAppStatusSpec) => `${s.id}:status:${s.status}`;

t.test('delivery status, applied by the worker', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  startTestWorker(t, sql, queue);

  /** Posts a body through the real webhook and waits until the worker has processed its items. */
  async function deliver(body: unknown, itemKeys: string[], platform: PlatformName = 'whatsapp') {
    t.equal((await postWebhook(app, platform, body)).statusCode, 200);
    await waitUntilProcessed(sql, itemKeys);
  }
  async function message(id: string, seconds = T) {
    await deliver(whatsAppTextBody(id, seconds), [id]);
  }
  async function statuses(...specs: WhatsAppStatusSpec[]) {
    await deliver(whatsAppStatusBody(...specs), specs.map(statusKey));
  }
  async function deliveryOf(id: string) {
    const [row] = await sql`
      select delivery_status, delivery_status_at, delivery_error from messages where kind = 'message' and external_id = ${id}`;
    return row;
  }
  const timeline = async (id: string) =>
    (await listStatusTimeline(sql, { platform: 'whatsapp', account: ACCOUNT, externalId: id })).map((e) => e.status);

  t.test('a late delivered never replaces read, and the timeline keeps both in platform time', async (t) => {
    await message('wamid.READ-FIRST');
    await statuses({ id: 'wamid.READ-FIRST', status: 'read', timestamp: T + 20 });
    await statuses({ id: 'wamid.READ-FIRST', status: 'delivered', timestamp: T + 10 });
    t.same(await deliveryOf('wamid.READ-FIRST'), {
      delivery_status: 'read',
      delivery_status_at: at(T + 20),
      delivery_error: null,
    });
    t.same(await timeline('wamid.READ-FIRST'), ['delivered', 'read'], 'ordered by platform time, not arrival');
  });

  t.test('failed is terminal: a delivered after it changes nothing, and the message keeps the error', async (t) => {
    await message('wamid.FAILED');
    await statuses({ id: 'wamid.FAILED', status: 'sent', timestamp: T + 1 });
    await statuses({ id: 'wamid.FAILED', status: 'failed', timestamp: T + 5 });
    await statuses({ id: 'wamid.FAILED', status: 'delivered', timestamp: T + 9 });
    const got = await deliveryOf('wamid.FAILED');
    t.equal(got.delivery_status, 'failed');
    t.same(got.delivery_status_at, at(T + 5));
    t.match(
      got.delivery_error,
      { code: WHATSAPP_FAILED_ERROR.code, title: WHATSAPP_FAILED_ERROR.title },
      'code and title from the status',
    );
    t.same(await timeline('wamid.FAILED'), ['sent', 'failed', 'delivered']);
  });

  t.test('statuses that arrive before their message are kept and applied when the message is processed', async (t) => {
    await statuses(
      { id: 'wamid.EARLY', status: 'sent', timestamp: T + 1 },
      { id: 'wamid.EARLY', status: 'delivered', timestamp: T + 2 },
    );
    t.same(await timeline('wamid.EARLY'), ['sent', 'delivered'], 'kept though no message has that id yet');
    await message('wamid.EARLY');
    t.same(await deliveryOf('wamid.EARLY'), {
      delivery_status: 'delivered',
      delivery_status_at: at(T + 2),
      delivery_error: null,
    });
  });

  t.test("a voice note's played ranks above read, whichever comes last", async (t) => {
    await message('wamid.VOICE');
    await statuses({ id: 'wamid.VOICE', status: 'played', timestamp: T + 30 });
    await statuses({ id: 'wamid.VOICE', status: 'read', timestamp: T + 20 });
    t.equal((await deliveryOf('wamid.VOICE')).delivery_status, 'played');
  });

  t.test('two statuses of one message processed at the same time end at the higher one', async (t) => {
    await message('wamid.CONCURRENT');
    // Holding the message row makes the statuses reach the worker and wait inside its transaction(s)
    // (one batch transaction, or one per status when the batch path falls back), so they are
    // applied at once when it is released. The race of two separate transactions is forced at the
    // store level in test/store/delivery-status.test.ts.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holding = sql.begin(async (tx) => {
      await tx`select id from messages where external_id = 'wamid.CONCURRENT' for update`;
      await gate;
    });
    const specs: WhatsAppStatusSpec[] = [
      { id: 'wamid.CONCURRENT', status: 'read', timestamp: T + 20 },
      { id: 'wamid.CONCURRENT', status: 'delivered', timestamp: T + 10 },
    ];
    t.equal((await postWebhook(app, 'whatsapp', whatsAppStatusBody(...specs))).statusCode, 200);
    await waitFor('the statuses waiting on the lock', async () => {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
      return row.n >= 1;
    });
    release();
    await holding;
    await waitUntilProcessed(sql, specs.map(statusKey));
    t.same(await deliveryOf('wamid.CONCURRENT'), {
      delivery_status: 'read',
      delivery_status_at: at(T + 20),
      delivery_error: null,
    });
  });
});
