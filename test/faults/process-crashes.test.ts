import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { platformHeaders, TEST_SECRETS } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { readLedger } from '../helpers/ledger.js';
import { deploymentEnv, startOmniProcess } from '../helpers/omni-process.js';
import { createTestQueue } from '../helpers/queue.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

// Several omni processes are killed and restarted in turn: longer than tap's default on a busy box.
t.setTimeout(300_000);

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));
const secrets = {
  WHATSAPP_APP_SECRET: TEST_SECRETS.whatsapp!.appSecret,
  WHATSAPP_VERIFY_TOKEN: TEST_SECRETS.whatsapp!.verifyToken,
};

async function post(url: string, body: unknown): Promise<number> {
  const payload = JSON.stringify(body);
  try {
    const response = await fetch(`${url}/webhook/whatsapp`, {
      method: 'POST',
      headers: platformHeaders('whatsapp', payload),
      body: payload,
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0; // no answer: the platform would retry
  }
}

t.test('a server killed (SIGKILL) between commit and send: the relay recovers every item', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const endpoint = new URL(queue.endpoint);
  const proxy = await startTcpProxy(endpoint.hostname, Number(endpoint.port));
  t.teardown(() => proxy.close());
  await proxy.cut(); // the send after each commit cannot happen, so every row sits in the outbox
  const env = {
    ...secrets,
    DATABASE_URL: url,
    MESSAGE_QUEUE_URL: queue.queueUrl,
    DEAD_LETTER_QUEUE_URL: queue.deadLetterQueueUrl,
    AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${proxy.port}`,
    PORT: '0',
  };
  const server = await startOmniProcess(t, 'omni', ['serve'], env, /omni serving/);
  const base = /"url":"(http:\/\/[^"]+)"/.exec(server.output())![1];
  const ids = Array.from({ length: 20 }, (_, i) => `wamid.KILL${i}`);
  const codes = await Promise.all(ids.map((id, i) => post(base, whatsAppTextBody(id, 1750003000 + i))));
  t.ok(
    codes.every((c) => c === 200),
    'all acknowledged before the crash',
  );
  server.child.kill('SIGKILL');
  await server.exited;

  await proxy.restore();
  const { stdout } = await run(process.execPath, [OMNI, 'relay', '--once'], {
    env: {
      ...process.env,
      ...env,
      OUTBOX_RELAY_AFTER_MS: '0',
    },
  });
  t.match(stdout, /relayed 20 pending row/);
  await startOmniProcess(t, 'omni-worker', ['consume'], { ...env, WORKER_RETRY_BASE_SECONDS: '0' }, /worker consuming/);
  await waitFor('all processed', async () => (await readLedger(sql, ids)).processed === ids.length, 60_000);
  t.same(await readLedger(sql, ids), { stored: 20, doubled: 0, unqueued: 0, processed: 20, dead: 0 });
});

t.test(
  'a worker killed mid-batch: unfinished items come back after the visibility timeout, finished ones are not redone',
  async (t) => {
    const { sql, url } = await createTestDatabase(t);
    const queue = await createTestQueue(t, { visibilityTimeoutSeconds: 2, maxReceiveCount: 5 });
    const env = { ...deploymentEnv(url, queue), ...secrets };
    // Items of customer SLOW take long to file, so the kill finds them half-way through their transaction.
    await sql.unsafe(`
    create function slow_down() returns trigger language plpgsql as $$
    begin if new.conversation_key = 'SLOW' then perform pg_sleep(3); end if; return new; end $$;
    create trigger slow_down before insert or update on conversations for each row execute function slow_down();`);
    const server = await startOmniProcess(t, 'omni', ['serve'], env, /omni serving/);
    const base = /"url":"(http:\/\/[^"]+)"/.exec(server.output())![1];
    const fast = Array.from({ length: 10 }, (_, i) => `wamid.FAST${i}`);
    for (const [i, id] of fast.entries()) t.equal(await post(base, whatsAppTextBody(id, 1750004000 + i)), 200);
    const first = await startOmniProcess(t, 'omni-worker', ['consume'], env, /worker consuming/);
    await waitFor('fast items processed', async () => (await readLedger(sql, fast)).processed === fast.length, 30_000);
    const slowBody = whatsAppTextBody('wamid.SLOW', 1750004100) as any;
    slowBody.entry[0].changes[0].value.messages[0].from = 'SLOW';
    slowBody.entry[0].changes[0].value.contacts[0].wa_id = 'SLOW';
    t.equal(await post(base, slowBody), 200);
    // Its batch claims it inside the filing transaction, so no other session sees it claimed: in
    // flight is its filing asleep in the trigger.
    await waitFor(
      'the slow item in flight',
      async () =>
        (await sql`select 1 from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep'`)
          .length > 0,
      30_000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    await sql.unsafe('drop trigger slow_down on conversations');

    await startOmniProcess(t, 'omni-worker', ['consume'], env, /worker consuming/);
    const all = [...fast, 'wamid.SLOW'];
    await waitFor('all processed', async () => (await readLedger(sql, all)).processed === all.length, 60_000);
    t.same(await readLedger(sql, all), { stored: 11, doubled: 0, unqueued: 0, processed: 11, dead: 0 });
    const attempts =
      await sql`select m.subject_external_id as id, q.attempts from queue_logs q join messages m on m.id = q.message_id`;
    t.ok(
      attempts.filter((a) => a.id !== 'wamid.SLOW').every((a) => a.attempts === 1),
      'finished items were not redone',
    );
    // Its 2 s visibility can lapse while the first worker's filing sleeps, and another of that
    // worker's receives can take it again (that delivery waits on the claimed row): at least twice.
    t.ok(attempts.find((a) => a.id === 'wamid.SLOW')!.attempts >= 2, 'the unfinished item came back');
  },
);

t.test('SIGTERM under load: every acknowledged webhook is stored whole and processed once', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const env = { ...deploymentEnv(url, queue), ...secrets };
  const server = await startOmniProcess(t, 'omni', ['serve'], env, /omni serving/);
  const base = /"url":"(http:\/\/[^"]+)"/.exec(server.output())![1];
  const ids = Array.from({ length: 400 }, (_, i) => `wamid.TERM${i}`);
  let next = 0;
  const codes = new Map<string, number>();
  const senders = Array.from({ length: 16 }, async () => {
    while (next < ids.length) {
      const i = next++;
      codes.set(ids[i], await post(base, whatsAppTextBody(ids[i], 1750005000 + i)));
    }
  });
  await waitFor('load under way', async () => codes.size >= 100);
  server.child.kill('SIGTERM');
  await Promise.all(senders);
  t.equal(await server.exited, 0, 'the server exits cleanly');
  const acked = ids.filter((id) => codes.get(id) === 200);
  t.comment(`${acked.length} of ${ids.length} acknowledged before the server stopped`);
  t.ok(acked.length >= 100 && acked.length < ids.length, 'the stop came mid-load');
  t.ok(
    [...codes.values()].every((c) => c === 200 || c === 503 || c === 0),
    'the rest were refused, never half-answered',
  );

  await startOmniProcess(t, 'omni-worker', ['consume'], env, /worker consuming/);
  await waitFor(
    'acknowledged items processed',
    async () => (await readLedger(sql, acked)).processed === acked.length,
    90_000,
  );
  t.same(await readLedger(sql, acked), {
    stored: acked.length,
    doubled: 0,
    unqueued: 0,
    processed: acked.length,
    dead: 0,
  });
});
