import { readdirSync } from 'node:fs';
import { basename, extname } from 'node:path';
import t, { type Test } from 'tap';
import { MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { platformHeaders } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { readLedger } from '../helpers/ledger.js';
import { deploymentEnv, listeningUrl, type OmniProcess, startOmniProcess } from '../helpers/omni-process.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

/** What a rolling deploy, a compose file or an autoscaler does: every replica spawned at the same moment. */
async function startTogether(t: Test, url: string, counts: { servers: number; workers: number }) {
  const queue = await createTestQueue(t);
  const env = deploymentEnv(url, queue);
  // Several processes starting at once on a shared 2-core machine take longer than one does.
  const patience = { readyTimeoutMs: 90_000 };
  const starting = [
    ...Array.from({ length: counts.servers }, () =>
      startOmniProcess(t, 'omni', ['serve'], env, /omni serving/, patience),
    ),
    ...Array.from({ length: counts.workers }, () =>
      startOmniProcess(t, 'omni-worker', ['consume'], env, /worker consuming/, patience),
    ),
  ];
  const settled = await Promise.allSettled(starting);
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
  t.same(failures, [], 'every process gets ready (each failure shows its output)');
  const processes = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  return { processes, servers: processes.slice(0, counts.servers) };
}

async function answersHealth(server: OmniProcess): Promise<unknown> {
  const response = await fetch(`${listeningUrl(server)}/healthz`);
  return { status: response.status, body: await response.json() };
}

async function postWhatsApp(server: OmniProcess, body: unknown): Promise<number> {
  const payload = JSON.stringify(body);
  const response = await fetch(`${listeningUrl(server)}/webhook/whatsapp`, {
    method: 'POST',
    headers: platformHeaders('whatsapp', payload),
    body: payload,
  });
  await response.arrayBuffer();
  return response.status;
}

const migrationNames = readdirSync(MIGRATIONS_DIR)
  .map((file) => basename(file, extname(file)))
  .sort();

t.test(
  'four servers and two workers started at the same moment on a fresh database all serve, and the migrations run once',
  async (t) => {
    const { sql, url } = await createTestDatabase(t, { migrated: false });
    const { processes, servers } = await startTogether(t, url, { servers: 4, workers: 2 });
    if (processes.length !== 6) return;

    for (const server of servers) t.same(await answersHealth(server), { status: 200, body: { ok: true } });
    t.equal(await postWhatsApp(servers[2], whatsAppTextBody('wamid.TOGETHER1', 1750006000)), 200);
    await waitFor(
      'the webhook processed',
      async () => (await readLedger(sql, ['wamid.TOGETHER1'])).processed === 1,
      60_000,
    );
    t.same(await readLedger(sql, ['wamid.TOGETHER1']), { stored: 1, doubled: 0, unqueued: 0, processed: 1, dead: 0 });

    const ran = await sql<{ name: string; times: number }[]>`
      select name, count(*)::int as times from pgmigrations group by name order by name`;
    t.same(
      ran,
      migrationNames.map((name) => ({ name, times: 1 })),
      'every migration is recorded exactly once',
    );
    t.equal(
      processes.filter((process) => /"msg":"migrations applied"/.test(process.output())).length,
      1,
      'one process applied them; the others waited for it and found nothing left to do',
    );
  },
);

t.test('four servers started at the same moment on a migrated database all serve', async (t) => {
  const { url } = await createTestDatabase(t);
  const { processes, servers } = await startTogether(t, url, { servers: 4, workers: 0 });
  if (processes.length !== 4) return;
  for (const server of servers) t.same(await answersHealth(server), { status: 200, body: { ok: true } });
  t.notOk(
    processes.some((process) => /"msg":"migrations applied"/.test(process.output())),
    'none had anything to apply',
  );
});
