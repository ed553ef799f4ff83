import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createConfiguredMediaStore } from '../../src/media/configured-media-store.js';
import { createTestApp } from '../helpers/app.js';
import { TEST_BOX } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

// The typed client is generated from these two files; this test is what keeps them the live
// document's. `npm run client:generate` runs it with tap's --snapshot, which writes them instead.
const CLIENT_DIR = fileURLToPath(new URL('../../clients/typescript/', import.meta.url));
const DOCUMENT_FILE = join(CLIENT_DIR, 'openapi.json');
const SCHEMA_FILE = join(CLIENT_DIR, 'src/schema.ts');

t.test('the typed client is generated from the live OpenAPI document', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const mediaDir = await mkdtemp(join(tmpdir(), 'omni-openapi-'));
  t.teardown(() => rm(mediaDir, { recursive: true, force: true }));
  const config = loadConfig({ MEDIA_DIR: mediaDir });
  // Everything `omni serve` serves: the event stream, media and uploads, channel management.
  const { app } = await createTestApp(t, {
    sql,
    queue,
    apiDocs: true,
    liveEvents: true,
    mediaStore: createConfiguredMediaStore(config),
    channelSealing: { box: TEST_BOX, config },
  });
  const response = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(response.statusCode, 200);
  const document = `${JSON.stringify(response.json(), null, 2)}\n`;
  const schema = COMMENT_HEADER + astToString(await openapiTS(response.json(), { silent: true }));

  if (t.writeSnapshot) {
    await writeFile(DOCUMENT_FILE, document);
    await writeFile(SCHEMA_FILE, schema);
    t.pass(`wrote ${DOCUMENT_FILE} and ${SCHEMA_FILE}`);
    return;
  }
  const regenerate = 'the API changed: run `npm run client:generate` and commit what it writes';
  t.equal(
    await readFile(DOCUMENT_FILE, 'utf8'),
    document,
    `clients/typescript/openapi.json is /docs/json (${regenerate})`,
  );
  t.equal(
    await readFile(SCHEMA_FILE, 'utf8'),
    schema,
    `clients/typescript/src/schema.ts is generated from it (${regenerate})`,
  );
});
