import t from 'tap';
import { createGroupCommit } from '../../src/store/group-commit.js';
import type { IngestRequest } from '../../src/store/ingest.js';
import { createTestDatabase } from '../helpers/database.js';

/** A verified webhook carrying no items, with a body of this many bytes. */
function request(bodyBytes: number): IngestRequest {
  return {
    platform: 'whatsapp',
    items: [],
    log: {
      platform: 'whatsapp',
      method: 'POST',
      headers: {},
      rawBody: Buffer.alloc(bodyBytes, 'x'),
      signature: 'valid',
      statusCode: 200,
      errorCode: null,
      error: null,
      itemCount: 0,
    },
  };
}

t.test('group commit', async (t) => {
  const { sql } = await createTestDatabase(t);
  // Rows written by one statement share its transaction id.
  const commits = async () => (await sql`select count(distinct xmin::text)::int as n from webhook_logs`)[0].n as number;

  t.test('sends the webhooks that wait behind a write together, in one commit', async (t) => {
    const groupCommit = createGroupCommit(sql, { writers: 1, maxBatchBytes: 1000 });
    await Promise.all([100, 100, 100, 100].map((bytes) => groupCommit.ingest(request(bytes))));
    t.equal(await commits(), 2, 'the first alone, the three that waited together');
  });

  t.test('never puts more than maxBatchBytes of bodies in one commit', async (t) => {
    await sql`truncate webhook_logs cascade`;
    const groupCommit = createGroupCommit(sql, { writers: 1, maxBatchBytes: 1000 });
    await Promise.all([600, 600, 300, 600].map((bytes) => groupCommit.ingest(request(bytes))));
    t.equal(await commits(), 3, 'the first alone, then 600 + 300, then the last 600');
  });
});
