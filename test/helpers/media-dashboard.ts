import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createConfiguredMediaStore } from '../../src/media/configured-media-store.js';
import { createTestApp } from './app.js';
import { createTestAgent } from './auth.js';
import { createTestDatabase } from './database.js';
import { startFakeMediaApi, WHATSAPP_TOKEN } from './fake-media-api.js';
import { configuredTestJobs } from './jobs.js';
import { createTestQueue } from './queue.js';
import { startTestWorker } from './worker.js';

/**
 * The dashboard with media: the app listening on a port with live events, a real worker running
 * the configured jobs (media fetches through the stand-in Graph API, `api`, into a temporary data
 * directory), the environment's `default` channels, and the test agent.
 */
export async function startMediaDashboard(t: Test) {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const api = await startFakeMediaApi(t);
  const dataDir = await mkdtemp(join(tmpdir(), 'omni-dashboard-media-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    OMNI_DATA_DIR: dataDir,
    GRAPH_API_BASE_URL: api.origin,
    WHATSAPP_ACCESS_TOKEN: WHATSAPP_TOKEN,
    MEDIA_PRIVATE_HOSTS: api.host,
  });
  const mediaStore = createConfiguredMediaStore(config);
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true, mediaStore });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  startTestWorker(t, sql, queue, { jobs: await configuredTestJobs(t, sql, config, { mediaStore }) });
  await createTestAgent(sql);
  return { sql, app, address, api };
}
