import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { isOmniError } from '../../src/errors.js';
import { configuredTestJobs } from '../helpers/jobs.js';
import { createS3MediaStore } from '../../src/media/s3-media-store.js';
import { eraseContact } from '../../src/privacy/erase-contact.js';
import { startEmbeddedSqs } from '../../src/runtime/embedded-sqs.js';
import { createTestApp, postWebhook, silentLogger } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakeMediaApi, WHATSAPP_TOKEN } from '../helpers/fake-media-api.js';
import { pngImage } from '../helpers/media-files.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppMediaBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';
import { TEST_BY } from '../helpers/audit.js';

/** A loopback port with nothing listening: every request to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

t.test(
  'an erasure whose file deletion fails keeps the records erased, and running it again deletes the file',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const api = await startFakeMediaApi(t);
    const s3 = await startEmbeddedSqs();
    t.teardown(() => s3.stop());
    const bucket = `omni-erasure-${randomBytes(4).toString('hex')}`;
    const store = createS3MediaStore({ bucket, region: 'us-east-1', endpoint: s3.endpoint });
    t.teardown(() => store.client.destroy());
    await store.client.send(new CreateBucketCommand({ Bucket: bucket }));
    const config = loadConfig({
      GRAPH_API_BASE_URL: api.origin,
      WHATSAPP_ACCESS_TOKEN: WHATSAPP_TOKEN,
      MEDIA_PRIVATE_HOSTS: api.host,
    });
    const { app } = await createTestApp(t, { sql, queue, mediaStore: store });
    startTestWorker(t, sql, queue, {
      jobs: await configuredTestJobs(t, sql, config, { mediaStore: store }),
    });

    api.whatsAppMedia('5500000000000009', pngImage(12, 12), 'image/png');
    const body = whatsAppMediaBody('wamid.ERASE-S3', 'image', { mime_type: 'image/png', id: '5500000000000009' });
    t.equal((await postWebhook(app, 'whatsapp', body)).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.ERASE-S3']);
    const stored = await waitFor('the photo stored', async () => {
      const [row] = await sql<{ storage_key: string }[]>`select storage_key from attachments where state = 'stored'`;
      return row;
    });
    t.ok(await store.exists(stored.storage_key), 'the photo is in the bucket');
    const [contact] = await sql<{ id: string }[]>`select id from contacts`;
    const contactId = Number(contact!.id);

    // The same bucket, reached through an endpoint that refuses every connection: S3 is down.
    const unreachable = createS3MediaStore({
      bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${await closedPort()}`,
    });
    t.teardown(() => unreachable.client.destroy());
    const failed = await eraseContact({ sql, mediaStore: unreachable, logger: silentLogger }, contactId, TEST_BY).then(
      () => undefined,
      (error: unknown) => error,
    );
    t.ok(isOmniError(failed, 'OMNI_ERR_ERASURE_INCOMPLETE'), 'the erasure says it is incomplete');
    t.match((failed as Error).message, /1 stored file\(s\) could not be deleted: run the erasure again/);
    const [after] = await sql<{ erased: boolean; state: string; pending: number }[]>`
    select (select erased_at is not null from contacts) as erased, (select state from attachments) as state,
           (select count(*)::int from media_deletions) as pending`;
    t.same(
      after,
      { erased: true, state: 'erased', pending: 1 },
      'the records are erased, the file is listed to delete',
    );
    t.ok(await store.exists(stored.storage_key), 'and is still in the bucket');

    const again = await eraseContact({ sql, mediaStore: store, logger: silentLogger }, contactId, TEST_BY);
    t.match(again, { alreadyErased: true, messages: 0, files: { deleted: 1, kept: 0, pending: 0 } });
    t.notOk(await store.exists(stored.storage_key), 'the second run deleted it');
    const [left] = await sql<{ pending: number }[]>`select count(*)::int as pending from media_deletions`;
    t.equal(left!.pending, 0);
  },
);
