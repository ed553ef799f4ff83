import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import t, { type Test } from 'tap';
import { createLocalMediaStore } from '../../src/media/local-media-store.js';
import { type ListedObject, MEDIA_PAGE_SIZE, mediaKey, type MediaStore } from '../../src/media/media-store.js';
import { createS3MediaStore } from '../../src/media/s3-media-store.js';
import { startEmbeddedSqs } from '../../src/runtime/embedded-sqs.js';

const bytes = Buffer.from('%PDF-1.4\n% a document an agent opens\n%%EOF\n');
const key = mediaKey(createHash('sha256').update(bytes).digest('hex'));

/** Files someone else keeps beside Omni's: in MEDIA_DIR, or in a bucket Omni shares. */
const foreignKeys = ['backup.sql', 'exports/2026-12.csv', 'sha256-notes.txt'];

/**
 * The behaviour every MediaStore promises, whatever keeps the bytes. `putForeign` writes a file
 * where the store keeps its objects but outside Omni's prefix, as someone else would.
 */
async function behavesLikeAMediaStore(t: Test, store: MediaStore, putForeign: (key: string) => Promise<void>) {
  for (const foreign of foreignKeys) await putForeign(foreign);
  t.notOk(await store.exists(key), 'an unknown key does not exist');
  t.equal(await store.get(key), undefined, 'and reads as undefined');
  await store.put(key, Readable.from([bytes]), { contentType: 'application/pdf', size: bytes.length });
  t.ok(await store.exists(key), 'a stored key exists');
  const whole = await store.get(key);
  t.equal(whole!.size, bytes.length);
  t.equal(await text(whole!.body), bytes.toString(), 'reads back byte for byte');
  const part = await store.get(key, { start: 5, end: 7 });
  t.equal(part!.size, bytes.length, 'a range read still reports the whole size');
  t.equal(await text(part!.body), '1.4', 'and gives exactly the bytes asked for');
  await listsAndDeletes(t, store);
}

async function listedKeys(store: MediaStore): Promise<{ pages: number[]; objects: ListedObject[] }> {
  const pages: number[] = [];
  const objects: ListedObject[] = [];
  for await (const page of store.list()) {
    pages.push(page.length);
    objects.push(...page);
  }
  return { pages, objects };
}

/** Listing (what the retention sweep reads) and deleting, over more objects than one page holds. */
async function listsAndDeletes(t: Test, store: MediaStore) {
  const before = Date.now() - 60_000; // clocks of a filesystem or an emulator, within a minute of ours
  const one = (await listedKeys(store)).objects;
  t.same(
    one.map((o) => ({ key: o.key, size: o.size })),
    [{ key, size: bytes.length }],
    "a listing shows the stored object and its size, and none of the files beside Omni's",
  );
  t.ok(one[0]!.modifiedAt.getTime() > before, 'and when it was written');

  const many = Array.from({ length: MEDIA_PAGE_SIZE }, (_, i) => mediaKey(`${i}`.padStart(64, '0')));
  for (const extra of many)
    await store.put(extra, Readable.from([Buffer.from(extra)]), { contentType: 'text/plain', size: extra.length });
  const all = await listedKeys(store);
  t.same(
    all.pages.sort((a, b) => b - a),
    [MEDIA_PAGE_SIZE, 1],
    'pages of at most 1,000 objects',
  );
  t.same(all.objects.map((o) => o.key).sort(), [...many, key].sort(), 'every object listed once');

  await store.delete([...many, mediaKey('f'.repeat(64))]);
  t.same(
    (await listedKeys(store)).objects.map((o) => o.key),
    [key],
    'deleted objects are gone, a missing key is no error',
  );
  t.notOk(await store.exists(many[0]!));
  await store.delete([key]);
  t.same((await listedKeys(store)).pages, [], 'an empty store lists nothing');
}

t.test('a local directory store keeps, reads, ranges and deletes objects', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'omni-media-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = createLocalMediaStore(dir);
  const putForeign = async (foreign: string) => {
    await mkdir(dirname(join(dir, foreign)), { recursive: true });
    await writeFile(join(dir, foreign), "not Omni's");
  };
  t.same(
    await listedKeys(createLocalMediaStore(join(dir, 'not-yet'))),
    { pages: [], objects: [] },
    'a directory not yet made lists nothing',
  );
  await behavesLikeAMediaStore(t, store, putForeign);
  await t.rejects(store.get('../escape'), /outside the store/, 'a key cannot leave the directory');
});

t.test('an S3 delete that leaves objects behind fails as media unavailable, naming the first', async (t) => {
  // S3 answers a quiet DeleteObjects with 200 and the keys it could not delete (here, as under a
  // policy that denies some of them); the emulator deletes everything, so a server answers as S3 does.
  const s3 = createServer((request, response) => {
    request.resume().on('end', () => {
      response
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          '<?xml version="1.0" encoding="UTF-8"?><DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
            `<Error><Key>${key}</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>` +
            '<Error><Key>other</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>',
        );
    });
  });
  await new Promise<void>((listening) => s3.listen(0, '127.0.0.1', listening));
  t.teardown(() => new Promise((closed) => s3.close(closed)));
  const endpoint = `http://127.0.0.1:${(s3.address() as AddressInfo).port}`;
  const store = createS3MediaStore({ bucket: 'omni-media', region: 'us-east-1', endpoint });
  t.teardown(() => store.client.destroy());
  await t.rejects(store.delete([key, 'other']), {
    code: 'OMNI_ERR_MEDIA_UNAVAILABLE',
    message: `S3 did not delete 2 object(s), ${key}: AccessDenied Access Denied`,
  });
});

t.test('an S3 store keeps, reads, ranges and deletes objects on the S3 emulator', async (t) => {
  const emulator = await startEmbeddedSqs();
  t.teardown(() => emulator.stop());
  const bucket = `omni-media-${randomBytes(4).toString('hex')}`;
  const store = createS3MediaStore({ bucket, region: 'us-east-1', endpoint: emulator.endpoint });
  t.teardown(() => store.client.destroy());
  await store.client.send(new CreateBucketCommand({ Bucket: bucket }));
  await behavesLikeAMediaStore(t, store, async (foreign) => {
    await store.client.send(new PutObjectCommand({ Bucket: bucket, Key: foreign, Body: "not Omni's" }));
  });
});
