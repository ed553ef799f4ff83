import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import t, { type Test } from 'tap';
import { createLocalMediaStore } from '../../src/media/local-media-store.js';
import { mediaKey, type MediaStore } from '../../src/media/media-store.js';
import { startPeriodicPrune, pruneOnSchedule } from '../../src/retention/periodic-prune.js';
import { pruneOnce, UNUSED_GRACE_MS } from '../../src/retention/prune.js';
import { insertPlannedAttachments, markAttachmentStored } from '../../src/store/attachments.js';
import type { SqlPool } from '../../src/store/database.js';
import { tryPruneLock } from '../../src/store/prune-lock.js';
import { createTestApp, platformHeaders, postWebhook, silentLogger } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { pdfDocument, pngImage } from '../helpers/media-files.js';
import { createTestQueue } from '../helpers/queue.js';
import { startReplyStack } from '../helpers/replies.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

async function emptyMediaStore(t: Test): Promise<MediaStore> {
  const dir = await mkdtemp(join(tmpdir(), 'omni-prune-media-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return createLocalMediaStore(dir);
}

/** Three accepted webhooks, one per platform, received 31 days ago, 29 days ago and now. */
async function threeWebhooks(t: Test, sql: SqlPool) {
  const queue = await createTestQueue(t);
  const { app, outbox } = await createTestApp(t, { sql, queue });
  for (const [platform, fixture] of [
    ['whatsapp', 'whatsapp-text-basic'],
    ['telegram', 'telegram-voice'],
    ['messenger', 'messenger-quick-reply'],
  ] as const)
    t.equal((await postWebhook(app, platform, loadFixture(platform, fixture).body)).statusCode, 200);
  await outbox.drain();
  // As if they had arrived earlier: received_at is all retention reads.
  await sql`update webhook_logs set received_at = now() - interval '31 days' where platform = 'whatsapp'`;
  await sql`update webhook_logs set received_at = now() - interval '29 days' where platform = 'telegram'`;
}

const kept = async (sql: SqlPool) =>
  (
    await sql<{ platform: string }[]>`select platform from webhook_logs where raw_body is not null order by platform`
  ).map((r) => r.platform);

t.test(
  'raw bodies past the retention lose their bytes and keep their audit row; a dry run counts them and changes nothing',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const mediaStore = await emptyMediaStore(t);
    await threeWebhooks(t, sql);
    const audit = async () =>
      sql`select id, platform, method, headers, signature, status_code, item_count from webhook_logs order by id`;
    const before = await audit();

    const dry = await pruneOnce({ sql, mediaStore }, { olderThanDays: 30, dryRun: true });
    t.match(dry, { outcome: 'counted', counts: { rawBodies: 1, uploads: 0, mediaFiles: 0 }, complete: true });
    t.same(await kept(sql), ['messenger', 'telegram', 'whatsapp'], 'a dry run removes nothing');
    t.same(await sql`select * from prune_rounds`, [], 'and records no round');

    const real = await pruneOnce({ sql, mediaStore }, { olderThanDays: 30 });
    t.match(real, { outcome: 'pruned', counts: { rawBodies: 1, uploads: 0, mediaFiles: 0 }, complete: true });
    t.same(await kept(sql), ['messenger', 'telegram'], 'only the body older than 30 days went');
    t.same(await audit(), before, 'every audit row stays as it was: platform, headers, verdict, status, items');
    const [pruned] = await sql`select raw_body_pruned_at from webhook_logs where platform = 'whatsapp'`;
    t.ok(pruned!.raw_body_pruned_at instanceof Date, 'and says when its body was removed');
    t.match(await sql`select scheduled, raw_bodies, uploads, media_files from prune_rounds`, [
      { scheduled: false, raw_bodies: 1, uploads: 0, media_files: 0 },
    ]);

    t.match(await pruneOnce({ sql, mediaStore }, { olderThanDays: 30 }), { counts: { rawBodies: 0 } }, 'nothing twice');
    t.match(
      await pruneOnce({ sql, mediaStore }, { olderThanDays: 100_000_000 }),
      { counts: { rawBodies: 0 }, rawBodiesBefore: new Date(0) },
      'a retention of any length is a valid cut-off',
    );
    t.match(await pruneOnce({ sql, mediaStore }, { olderThanDays: 0 }), { counts: { rawBodies: 2 } });
    t.same(await kept(sql), [], '0 days: every body received before the round');
  },
);

t.test(
  'an unverified request past the retention goes whole; a verified one keeps its audit row, refused or not',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const mediaStore = await emptyMediaStore(t);
    const queue = await createTestQueue(t);
    const { app, outbox } = await createTestApp(t, { sql, queue });
    const body = JSON.stringify(loadFixture('whatsapp', 'whatsapp-text-basic').body);
    const post = (payload: string, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/webhook/whatsapp', payload, headers });
    t.equal((await post(body, platformHeaders('whatsapp', body))).statusCode, 200, 'accepted');
    t.equal((await post('{', platformHeaders('whatsapp', '{'))).statusCode, 400, 'verified, then refused');
    t.equal((await post(body, { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` })).statusCode, 401, 'wrong');
    t.equal((await post(body, {})).statusCode, 401, 'unsigned');
    const handshake = '/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1';
    t.equal((await app.inject({ method: 'GET', url: handshake })).statusCode, 403, 'a refused handshake');
    await outbox.drain();
    const rows = async () =>
      sql<{ signature: string; status_code: number; headers: unknown; raw_body: Buffer | null }[]>`
        select signature, status_code, headers, raw_body from webhook_logs order by id`;
    const verified = (await rows()).slice(0, 2);
    t.equal((await rows()).length, 5);

    const dry = await pruneOnce({ sql, mediaStore }, { olderThanDays: 0, dryRun: true });
    t.match(dry, { counts: { unverifiedRequests: 3, rawBodies: 2 } }, 'a dry run counts each row once');
    t.equal((await rows()).length, 5, 'and deletes nothing');
    const real = await pruneOnce({ sql, mediaStore }, { olderThanDays: 0 });
    t.match(real, { outcome: 'pruned', counts: { unverifiedRequests: 3, rawBodies: 2 }, complete: true });
    t.same(
      await rows(),
      verified.map((row) => ({ ...row, raw_body: null })),
      'the verified rows stay, metadata and all, without their bodies; the unverified ones are gone',
    );
    t.match(await sql`select unverified_requests, raw_bodies from prune_rounds`, [
      { unverified_requests: 3, raw_bodies: 2 },
    ]);
    t.equal((await sql`select count(*)::int as n from messages`)[0]!.n, 1, 'the message stays');
  },
);

t.test('a round stopped between two batches keeps what it removed, and is not recorded as done', async (t) => {
  const { sql } = await createTestDatabase(t);
  const mediaStore = await emptyMediaStore(t);
  const body = Buffer.from(JSON.stringify(loadFixture('telegram', 'telegram-voice').body));
  // Audit rows of 2,500 old webhooks: more than two batches of bodies.
  await sql`
    insert into webhook_logs (platform, method, headers, raw_body, signature, status_code, item_count, received_at)
    select 'telegram', 'POST', '{}', ${body}, 'valid', 200, 1, now() - interval '40 days' from generate_series(1, 2500)`;
  const controller = new AbortController();
  const steps: number[] = [];
  const result = await pruneOnce(
    { sql, mediaStore },
    {
      olderThanDays: 30,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.step !== 'rawBodies') return; // no unverified requests to delete first
        steps.push(progress.done);
        if (progress.done > 0) controller.abort(); // as on shutdown, while the first batch is reported
      },
    },
  );
  t.match(result, { outcome: 'pruned', counts: { rawBodies: 1000, uploads: 0, mediaFiles: 0 }, complete: false });
  t.same(steps, [0, 1000], 'the progress counted up to the total, then stopped');
  t.equal((await kept(sql)).length, 1500, 'the first batch stays removed, the rest waits for the next round');
  t.same(await sql`select * from prune_rounds`, [], 'an unfinished round is not recorded');
  t.match(await pruneOnce({ sql, mediaStore }, { olderThanDays: 30 }), { counts: { rawBodies: 1500 }, complete: true });
});

t.test('two pruners at once: one works, the other skips its round', async (t) => {
  const { sql } = await createTestDatabase(t);
  const mediaStore = await emptyMediaStore(t);
  await threeWebhooks(t, sql);

  // The first round is held up at its uploads step by a session that locks the table: it is at work,
  // holding the prune lock, while a second process starts its own round.
  const blocker = await sql.reserve();
  await blocker`begin`;
  await blocker`lock table uploads in access exclusive mode`;
  const first = pruneOnce({ sql, mediaStore }, { olderThanDays: 0 });
  await waitFor('the first round at work', async () => (await kept(sql)).length === 0);
  t.same(
    await pruneOnce({ sql, mediaStore }, { olderThanDays: 0 }),
    { outcome: 'skipped', reason: 'locked' },
    'the second finds the lock taken and does nothing',
  );
  await blocker`rollback`;
  blocker.release();
  t.match(await first, { outcome: 'pruned', counts: { rawBodies: 3 }, complete: true }, 'the first carries on');

  // A process that holds the lock (another server's round), then lets go of it.
  await sql`update webhook_logs set raw_body = '\\x7b7d', raw_body_pruned_at = null`;
  const release = await tryPruneLock(sql);
  t.ok(release, 'the lock is free once a round is over');
  t.same(await pruneOnce({ sql, mediaStore }, { olderThanDays: 0 }), { outcome: 'skipped', reason: 'locked' });
  t.equal((await kept(sql)).length, 3, 'a skipped round removes nothing');
  await release!();
  t.match(await pruneOnce({ sql, mediaStore }, { olderThanDays: 0 }), { outcome: 'pruned', counts: { rawBodies: 3 } });
});

t.test(
  'unused uploads and files nothing uses go after a day; what a reply, an attachment, an avatar or a recent upload uses stays',
  async (t) => {
    const stack = await startReplyStack(t);
    const { sql, mediaStore, mediaDir } = stack;
    await stack.deliver('whatsapp', whatsAppTextBody('wamid.PRUNE-1', Math.floor(Date.now() / 1000)), [
      'wamid.PRUNE-1',
    ]);
    const { conversationId, messageId } = await stack.inbound('wamid.PRUNE-1');
    const upload = async (bytes: Buffer, type: string) => {
      const response = await stack.upload(bytes, type);
      t.equal(response.statusCode, 201);
      const [row] = await sql<
        { storage_key: string }[]
      >`select storage_key from uploads where id = ${response.json().id}`;
      return { id: response.json().id as number, key: row!.storage_key };
    };
    const sent = await upload(pngImage(2, 2), 'image/png');
    const reply = await stack.reply(conversationId, { media: { type: 'image', upload: sent.id } });
    t.equal(reply.statusCode, 202);
    await stack.settled(reply.json().message.id);
    const unused = await upload(pdfDocument('never sent'), 'application/pdf');
    const recent = await upload(pdfDocument('sent in a moment'), 'application/pdf');
    // An attachment stored under its content address, as the fetch job stores one.
    const image = pngImage(3, 3);
    const sha256 = createHash('sha256').update(image).digest('hex');
    const attachmentKey = mediaKey(sha256);
    await mediaStore.put(attachmentKey, Readable.from([image]), { contentType: 'image/png', size: image.length });
    const [attachment] = await insertPlannedAttachments(sql, [
      { messageId, position: 0, platform: 'whatsapp', contentKind: 'image', sourceRef: { id: 'media-1' } },
    ]);
    await markAttachmentStored(sql, attachment!.id, {
      mimeType: 'image/png',
      sizeBytes: image.length,
      sha256,
      storageKey: attachmentKey,
    });
    // A contact's avatar, as the profile job stores one.
    const avatar = pngImage(5, 5);
    const avatarKey = mediaKey(createHash('sha256').update(avatar).digest('hex'));
    await mediaStore.put(avatarKey, Readable.from([avatar]), { contentType: 'image/png', size: avatar.length });
    await sql`update contacts set avatar_storage_key = ${avatarKey}, avatar_mime_type = 'image/png'`;
    // Files with no row: one a crash left long ago, one whose row is about to commit.
    const orphan = mediaKey('b'.repeat(64));
    const arriving = mediaKey('c'.repeat(64));
    for (const key of [orphan, arriving])
      await mediaStore.put(key, Readable.from([Buffer.from(key)]), { contentType: 'text/plain', size: key.length });

    // A day and an hour later for everything but `recent` and `arriving`.
    const past = new Date(Date.now() - UNUSED_GRACE_MS - 60 * 60 * 1000);
    for (const key of [sent.key, unused.key, attachmentKey, avatarKey, orphan])
      await utimes(join(mediaDir, key), past, past);
    await sql`update uploads set created_at = ${past} where id <> ${recent.id}`;

    const dry = await pruneOnce({ sql, mediaStore }, { olderThanDays: 30, dryRun: true });
    t.match(dry, { counts: { rawBodies: 0, uploads: 1, mediaFiles: 2 } }, 'a dry run counts what a round would remove');
    const result = await pruneOnce({ sql, mediaStore }, { olderThanDays: 30 });
    t.match(result, { outcome: 'pruned', counts: { rawBodies: 0, uploads: 1, mediaFiles: 2 } });

    const uploads = (await sql<{ id: string }[]>`select id from uploads order by id`).map((r) => Number(r.id));
    t.same(uploads, [sent.id, recent.id], 'the unused upload went; the one a reply sent and the recent one stay');
    const files = new Set<string>();
    for await (const page of mediaStore.list()) for (const object of page) files.add(object.key);
    t.notOk(files.has(unused.key), "the unused upload's file went with it");
    t.notOk(files.has(orphan), 'the old file nothing uses went');
    for (const [what, key] of [
      ['the sent upload', sent.key],
      ['the recent upload', recent.key],
      ['the attachment', attachmentKey],
      ["the contact's avatar", avatarKey],
      ['the file younger than a day', arriving],
    ] as const)
      t.ok(files.has(key), `${what}'s file stays`);
    t.equal(
      (
        await stack.app.inject({
          method: 'GET',
          url: `/api/media/${attachment!.id}`,
          headers: { authorization: stack.authorization },
        })
      ).statusCode,
      200,
      'the attachment is still served',
    );
  },
);

t.test("files Omni did not write stay, however old, in MEDIA_DIR and under Omni's own folder", async (t) => {
  const { sql } = await createTestDatabase(t);
  const dir = await mkdtemp(join(tmpdir(), 'omni-prune-foreign-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const mediaStore = createLocalMediaStore(dir);
  const past = new Date(Date.now() - UNUSED_GRACE_MS - 60 * 60 * 1000);
  // An operator's backup beside the store, a note and an upper-case name inside its folder, and one
  // file of Omni's nothing uses, which goes: the round did look at the store.
  const foreign = ['backup.sql', 'sha256/README.txt', `sha256/${'A'.repeat(64)}`];
  const orphan = mediaKey('d'.repeat(64));
  for (const key of [...foreign, orphan]) {
    await mkdir(dirname(join(dir, key)), { recursive: true });
    await writeFile(join(dir, key), key);
    await utimes(join(dir, key), past, past);
  }

  t.match(await pruneOnce({ sql, mediaStore }, { olderThanDays: 30 }), { counts: { mediaFiles: 1 } });
  await t.rejects(stat(join(dir, orphan)), { code: 'ENOENT' }, "Omni's old unused file went");
  for (const key of foreign) t.ok(await stat(join(dir, key)), `${key} stays`);
});

t.test('the scheduled round happens once an hour between all processes, and stops cleanly', async (t) => {
  const { sql } = await createTestDatabase(t);
  const mediaStore = await emptyMediaStore(t);
  await threeWebhooks(t, sql);
  const deps = { sql, mediaStore, logger: silentLogger, retentionDays: 30 };

  t.match(await pruneOnce({ sql, mediaStore }, { olderThanDays: 60 }), { outcome: 'pruned' }, 'by hand, first');
  t.match(
    await pruneOnSchedule(deps),
    { outcome: 'pruned', counts: { rawBodies: 1 } },
    'a round by hand does not count',
  );
  t.same(await pruneOnSchedule(deps), { outcome: 'skipped', reason: 'recent' }, 'another process, minutes later');

  await sql`update prune_rounds set finished_at = finished_at - interval '1 hour'`;
  const periodic = startPeriodicPrune({ ...deps, retentionDays: 0, firstDelayMs: 0 });
  await waitFor('the first scheduled round', async () => (await kept(sql)).length === 0);
  await periodic.stop();
  t.match(await sql`select raw_bodies from prune_rounds where scheduled order by id`, [
    { raw_bodies: 1 },
    { raw_bodies: 2 },
  ]);
  const release = await tryPruneLock(sql);
  t.ok(release, 'a stopped periodic prune holds no lock');
  await release?.();
});
