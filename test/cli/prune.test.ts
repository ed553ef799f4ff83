import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { describeCounts, describeResult, parseDays } from '../../src/cli/commands/prune.js';
import { tryPruneLock } from '../../src/store/prune-lock.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));

/** `omni …` as an operator runs it; its exit code, stdout and stderr, whether it failed or not. */
async function omni(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [OMNI, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

t.test(
  'omni prune --older-than 0 leaves no raw body nor unverified request received before it ran; a webhook received after keeps its body',
  async (t) => {
    const { sql, url } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app, outbox } = await createTestApp(t, { sql, queue });
    const mediaDir = await mkdtemp(join(tmpdir(), 'omni-prune-cli-'));
    t.teardown(() => rm(mediaDir, { recursive: true, force: true }));
    const env = { DATABASE_URL: url, MEDIA_DIR: mediaDir, LOG_LEVEL: 'silent' };
    const post = async (platform: 'whatsapp' | 'telegram', fixture: string) => {
      t.equal((await postWebhook(app, platform, loadFixture(platform, fixture).body)).statusCode, 200);
      await outbox.drain();
    };
    await post('whatsapp', 'whatsapp-text-basic');
    await post('telegram', 'telegram-voice');
    const unsigned = await app.inject({ method: 'POST', url: '/webhook/whatsapp', payload: '{}' });
    t.equal(unsigned.statusCode, 401);
    const bodies = async () =>
      (await sql`select count(*)::int as n from webhook_logs where raw_body is not null`)[0]!.n;

    const dry = await omni(['prune', '--older-than', '0', '--dry-run'], env);
    t.equal(dry.code, 0, dry.stderr);
    t.match(
      dry.stdout,
      /^would remove unverified requests: 1, raw bodies: 2, unused uploads: 0, media files: 0 \(webhooks received before /,
    );
    t.equal(await bodies(), 3, 'a dry run changes nothing');

    const [{ started }] = await sql`select now() as started`;
    const pruned = await omni(['prune', '--older-than', '0'], env);
    t.equal(pruned.code, 0, pruned.stderr);
    t.equal(pruned.stdout.split('\n').length, 2, 'stdout is no terminal: no bar, one line of counts');
    t.match(pruned.stdout, /^removed unverified requests: 1, raw bodies: 2, unused uploads: 0, media files: 0 \(/);
    t.same(
      await sql`select id from webhook_logs where raw_body is not null and received_at < ${started}`,
      [],
      'no raw body received before the run is left',
    );
    t.same(
      await sql`select signature from webhook_logs order by id`,
      [{ signature: 'valid' }, { signature: 'valid' }],
      'the audit rows of verified webhooks stay; the unverified one is gone',
    );

    await post('whatsapp', 'whatsapp-image-caption');
    t.equal(await bodies(), 1, 'a webhook received after keeps its body');
    const days = await omni(['prune'], { ...env, WEBHOOK_LOG_RETENTION_DAYS: '30' });
    t.match(
      days.stdout,
      /^removed unverified requests: 0, raw bodies: 0,/,
      'without --older-than, WEBHOOK_LOG_RETENTION_DAYS applies',
    );
    t.equal(await bodies(), 1);

    const reprocess = await omni(['reprocess', '--platform', 'telegram'], env);
    t.equal(reprocess.code, 1, 'reprocessing only pruned bodies fails');
    t.match(
      reprocess.stderr,
      /nothing to reprocess: 1 accepted webhook\(s\) in this range have no raw body any more: retention removed it/,
      'and says why',
    );
    const partly = await omni(['reprocess'], env);
    t.equal(partly.code, 0, 'a range with bodies left is reprocessed');
    t.match(JSON.parse(partly.stdout.trim()), { bodies: 1, pruned: 2 });
    t.match(partly.stderr, /2 accepted webhook\(s\) in this range have no raw body any more/);

    const release = await tryPruneLock(sql);
    t.teardown(() => release?.());
    const busy = await omni(['prune'], env);
    t.equal(busy.code, 1, 'while another process prunes, the command does nothing');
    t.match(busy.stderr, /another process is pruning right now/);
    t.throws(
      () => describeResult({ outcome: 'skipped', reason: 'locked' }),
      { code: 'OMNI_ERR_PRUNE_LOCKED', message: /another process is pruning right now/ },
      'a round skipped for the lock is an error from the catalogue',
    );
  },
);

t.test('a bad --older-than is refused, naming the flag', async (t) => {
  for (const value of ['-1', 'soon', '1.5', '', '30d']) {
    const bad = await omni(['prune', '--older-than', value], { DATABASE_URL: 'postgres://nowhere.invalid/omni' });
    t.not(bad.code, 0, `--older-than ${JSON.stringify(value)}`);
    t.match(bad.stderr, /--older-than/, `the error names --older-than (${JSON.stringify(value)})`);
  }
  t.equal(parseDays('0'), 0);
  t.equal(parseDays('365'), 365);
  t.equal(
    describeCounts({ unverifiedRequests: 4, rawBodies: 3, uploads: 2, mediaFiles: 1 }),
    'unverified requests: 4, raw bodies: 3, unused uploads: 2, media files: 1',
  );
});
